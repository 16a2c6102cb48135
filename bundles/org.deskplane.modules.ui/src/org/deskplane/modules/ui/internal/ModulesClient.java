package org.deskplane.modules.ui.internal;

import static org.deskplane.client.ServerRest.segment;

import java.io.IOException;
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
import org.deskplane.client.ServerRest;
import org.deskplane.modules.api.ModuleInfo;
import org.deskplane.modules.api.ModuleRequest;
import org.deskplane.modules.api.PolicyRule;
import org.deskplane.modules.api.Registration;
import org.deskplane.modules.api.TrustedCertificate;
import org.deskplane.workbench.platform.ui.support.ServiceClient;

/** The server's {@code /api/modules} routes as calls returning the module API's records. Blocking: not on the UI thread. */
final class ModulesClient {

    /** Certificates to trust are PEM files of a few KiB. */
    static final long MAX_PEM_BYTES = 64 * 1024;

    /** Why the parts show nothing: there is no server connection. */
    static final String NOT_CONNECTED = "Not connected: log in to a Deskplane server that has the modules feature.";

    private final ServerRest http;

    ModulesClient(ServerConnection connection) {
        this.http = connection.rest();
    }

    /**
     * The client of the server connection the workbench registered at login. Modules have
     * no embedded mode (the host needs the server), so without a connection the parts say "log in".
     */
    static ServiceClient<ServerConnection, ModulesClient> watch(Runnable onChange) {
        return new ServiceClient<>(ModulesClient.class, ServerConnection.class, ModulesClient::new, onChange);
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
        return ModulesJson.module(http.upload("POST", "/modules" + (load ? "?load=true" : ""), jar,
                "application/java-archive", Map.of("X-Content-SHA256", sha256)));
    }

    ModuleRequest load(ModuleInfo module) {
        return ModulesJson.request(http.send("POST", path(module) + "/load", null));
    }

    ModuleRequest unload(ModuleInfo module) {
        return ModulesJson.request(http.send("POST", path(module) + "/unload", null));
    }

    /** Replaces the loaded version(s) of the module's name by this (stored) version. */
    ModuleRequest replaceWith(ModuleInfo module) {
        return ModulesJson.request(http.send("POST", "/modules/" + segment(module.symbolicName())
                + "/replace?version=" + segment(module.version()), null));
    }

    void delete(ModuleInfo module) {
        http.send("DELETE", path(module), null);
    }

    ModuleInfo clearQuarantine(ModuleInfo module) {
        return ModulesJson.module(http.send("POST", path(module) + "/clear-quarantine", null));
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
        return ModulesJson.registration(http.send("POST", "/modules/registrations", body));
    }

    void unregister(Registration registration) {
        http.send("DELETE", "/modules/registrations/" + segment(registration.image()) + "/"
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
        return ModulesJson.certificate(http.send("POST", "/modules/trust", body));
    }

    void untrust(String alias) {
        http.send("DELETE", "/modules/trust/" + segment(alias), null);
    }

    List<PolicyRule> rules() {
        return ModulesJson.array(http.get("/modules/policy")).stream().map(ModulesJson::rule).toList();
    }

    PolicyRule put(PolicyRule rule) {
        return ModulesJson.rule(http.send("PUT", "/modules/policy/" + segment(rule.id()), ModulesJson.body(rule)));
    }

    void deleteRule(String id) {
        http.send("DELETE", "/modules/policy/" + segment(id), null);
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
