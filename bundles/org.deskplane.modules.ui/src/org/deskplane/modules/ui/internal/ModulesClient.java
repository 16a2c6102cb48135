package org.deskplane.modules.ui.internal;

import static org.deskplane.modules.ui.internal.ModulesHttp.segment;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deskplane.client.ServerConnection;
import org.deskplane.modules.api.ModuleInfo;
import org.deskplane.modules.api.ModuleRequest;
import org.deskplane.modules.api.PolicyRule;
import org.deskplane.modules.api.Registration;
import org.deskplane.modules.api.TrustedCertificate;

/** The server's {@code /api/modules} routes as calls returning the module API's records. Blocking: not on the UI thread. */
final class ModulesClient {

    /** Certificates to trust are PEM files of a few KiB. */
    static final long MAX_PEM_BYTES = 64 * 1024;

    private final ModulesHttp http;

    ModulesClient(ServerConnection connection) {
        this.http = new ModulesHttp(connection);
    }

    /** This client is not used any more (logout, or another login). */
    void shutdown() {
        http.shutdown();
    }

    List<ModuleInfo> modules() {
        return ModulesJson.array(http.get("/modules")).stream().map(ModulesJson::module).toList();
    }

    /**
     * Uploads a jar, streamed from the file: its SHA-256 is computed first and sent as {@code X-Content-SHA256}, so
     * the server streams it straight to the module host, which checks it end to end.
     */
    ModuleInfo upload(Path jar, boolean load) throws IOException {
        long size = Files.size(jar);
        String sha256 = sha256(jar);
        return ModulesJson.module(http.send("POST", "/modules" + (load ? "?load=true" : ""),
                HttpRequest.BodyPublishers.ofFile(jar), "application/java-archive",
                Map.of("X-Content-SHA256", sha256)));
    }

    ModuleRequest load(ModuleInfo module) {
        return ModulesJson.request(http.sendJson("POST", path(module) + "/load", null));
    }

    ModuleRequest unload(ModuleInfo module) {
        return ModulesJson.request(http.sendJson("POST", path(module) + "/unload", null));
    }

    /** Replaces the loaded version(s) of the module's name by this (stored) version. */
    ModuleRequest replaceWith(ModuleInfo module) {
        return ModulesJson.request(http.sendJson("POST", "/modules/" + segment(module.symbolicName())
                + "/replace?version=" + segment(module.version()), null));
    }

    void delete(ModuleInfo module) {
        http.sendJson("DELETE", path(module), null);
    }

    ModuleInfo clearQuarantine(ModuleInfo module) {
        return ModulesJson.module(http.sendJson("POST", path(module) + "/clear-quarantine", null));
    }

    List<Registration> registrations(String image) {
        String query = image == null || image.isBlank() ? "" : "?image=" + segment(image.strip());
        return ModulesJson.array(http.get("/modules/registrations" + query)).stream()
                .map(ModulesJson::registration).toList();
    }

    Registration register(String image, String name, String version) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("image", image);
        body.put("name", name);
        body.put("version", version);
        return ModulesJson.registration(http.sendJson("POST", "/modules/registrations", body));
    }

    void unregister(Registration registration) {
        http.sendJson("DELETE", "/modules/registrations/" + segment(registration.image()) + "/"
                + segment(registration.symbolicName()) + "/" + segment(registration.version()), null);
    }

    List<ModuleRequest> requests(String vm, int limit) {
        String query = "?limit=" + limit + (vm == null || vm.isBlank() ? "" : "&vm=" + segment(vm.strip()));
        return ModulesJson.array(http.get("/modules/requests" + query)).stream().map(ModulesJson::request).toList();
    }

    List<TrustedCertificate> trusted() {
        return ModulesJson.array(http.get("/modules/trust")).stream().map(ModulesJson::certificate).toList();
    }

    TrustedCertificate trust(String alias, Path pemFile) throws IOException {
        if (Files.size(pemFile) > MAX_PEM_BYTES) {
            throw new IOException(pemFile + " is larger than " + MAX_PEM_BYTES + " bytes: not a certificate file");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("alias", alias);
        body.put("pem", Files.readString(pemFile, StandardCharsets.US_ASCII));
        return ModulesJson.certificate(http.sendJson("POST", "/modules/trust", body));
    }

    void untrust(String alias) {
        http.sendJson("DELETE", "/modules/trust/" + segment(alias), null);
    }

    List<PolicyRule> rules() {
        return ModulesJson.array(http.get("/modules/policy")).stream().map(ModulesJson::rule).toList();
    }

    PolicyRule put(PolicyRule rule) {
        return ModulesJson.rule(http.sendJson("PUT", "/modules/policy/" + segment(rule.id()), ModulesJson.body(rule)));
    }

    void deleteRule(String id) {
        http.sendJson("DELETE", "/modules/policy/" + segment(id), null);
    }

    private static String path(ModuleInfo module) {
        return "/modules/" + segment(module.symbolicName()) + "/" + segment(module.version());
    }

    private static String sha256(Path file) throws IOException {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
