package org.deskplane.layers.ui.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deskplane.client.ServerRest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One endpoint of a CVD, as the CVD's owner signed in: the calls an endpoint agent makes (register, report activity,
 * put chunks, publish, report status), with the JSON of {@code docs/layers-rest.md} written by hand so that the test
 * checks the wire format, not a shared record class.
 */
final class OwnerEndpoint {

    private final ServerRest owner;
    private final String id;
    private final String cvd;

    OwnerEndpoint(ServerRest owner, String id, String cvd) {
        this.owner = owner;
        this.id = id;
        this.cvd = cvd;
    }

    String id() {
        return id;
    }

    /** POST /layers/endpoints: the binding the server's rules chose. */
    JsonNode register(String osFamily, String osRelease, Map<String, String> hardware) {
        return owner.send("POST", "/layers/endpoints", Map.of("id", id, "cvdId", cvd, "osFamily", osFamily,
                "osRelease", osRelease, "hardware", hardware, "freeBytes", 100L << 30));
    }

    /** Reports a user busy at this endpoint: the first such endpoint of a CVD becomes its master. */
    JsonNode reportActivity() {
        return owner.send("POST", cvdPath() + "/activity", Map.of("endpointId", id, "activeSeconds", 120,
                "idleSeconds", 1, "loggedOn", true));
    }

    /** Says the new master has pulled the head (the last step of taking the role): its phase becomes STEADY. */
    JsonNode pulled(long token) {
        return owner.send("POST", cvdPath() + "/master/pulled", Map.of("endpointId", id, "token", token));
    }

    /**
     * Puts each file's bytes as one chunk and publishes the layers' complete manifests.
     *
     * @param layers per layer name: path → content
     */
    JsonNode publish(long parent, long fencingToken, Map<String, Map<String, String>> layers, String note)
            throws IOException {
        Map<String, Object> manifests = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> layer : layers.entrySet()) {
            List<Map<String, Object>> entries = new ArrayList<>();
            for (Map.Entry<String, String> file : layer.getValue().entrySet()) {
                byte[] bytes = file.getValue().getBytes(StandardCharsets.UTF_8);
                String hash = putChunk(bytes);
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("path", file.getKey());
                entry.put("type", "FILE");
                entry.put("mode", 0644);
                entry.put("owner", "");
                entry.put("modifiedMillis", Instant.now().toEpochMilli());
                entry.put("size", bytes.length);
                entry.put("contentHash", hash);
                entry.put("chunks", List.of(hash));
                entry.put("linkTarget", "");
                entries.add(entry);
            }
            manifests.put(layer.getKey(), Map.of("layer", layer.getKey(), "entries", entries));
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("endpointId", id);
        request.put("parent", parent);
        request.put("fencingToken", fencingToken);
        request.put("kind", "UPLOAD");
        request.put("layers", manifests);
        request.put("note", note);
        return owner.send("POST", cvdPath() + "/publish", request);
    }

    /** PUT /layers/chunks/{sha256} with the raw bytes; returns the id. */
    private String putChunk(byte[] bytes) throws IOException {
        String hash = sha256(bytes);
        Path file = Files.createTempFile("layers-ui-chunk", ".bin");
        try {
            Files.write(file, bytes);
            owner.upload("PUT", "/layers/chunks/" + hash, file, "application/octet-stream", Map.of());
        } finally {
            Files.deleteIfExists(file);
        }
        return hash;
    }

    /** POST /layers/endpoints/{id}/status. */
    void reportStatus(Map<String, Long> applied, List<String> conflicts, String lastError) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("endpointId", id);
        status.put("applied", applied);
        status.put("staged", 0);
        status.put("pendingProfile", 0);
        status.put("conflicts", conflicts);
        status.put("reported", Instant.now().toString());
        status.put("lastError", lastError);
        owner.send("POST", "/layers/endpoints/" + ServerRest.segment(id) + "/status", status);
    }

    private String cvdPath() {
        return "/layers/cvds/" + ServerRest.segment(cvd);
    }

    static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
