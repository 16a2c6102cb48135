package org.deskplane.delivery.agent.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deskplane.delivery.api.PayloadFile;
import org.deskplane.delivery.api.PayloadManifest;
import org.deskplane.delivery.api.Step;
import org.deskplane.delivery.wire.DeliveryWire;

/** Builds a payload for a test: its files, steps and manifest (hashes computed), written as a folder or sent as copy streams. */
final class TestPayload {
    final Map<String, byte[]> files = new LinkedHashMap<>();
    final List<Step> steps = new ArrayList<>();
    Duration timeout = Duration.ofSeconds(60);
    boolean reboot;
    String id = "office-patch";
    String version = "1.0";

    TestPayload file(String path, String text) {
        files.put(path, text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    TestPayload copy(String source, String target) {
        steps.add(Step.copy(source, target));
        return this;
    }

    TestPayload run(String script, String... args) {
        steps.add(Step.run(script, List.of(args)));
        return this;
    }

    PayloadManifest manifest() {
        List<PayloadFile> list = new ArrayList<>();
        files.forEach((path, bytes) -> list.add(new PayloadFile(path, bytes.length, sha256(bytes))));
        return new PayloadManifest(id, version, "test payload", list, steps, reboot, timeout);
    }

    /** Writes the files and the manifest into {@code dir}. */
    Path writeTo(Path dir) throws IOException {
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Path p = dir.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, e.getValue());
        }
        Files.write(dir.resolve(PayloadManifest.FILE_NAME), manifest().toBytes());
        return dir;
    }

    /** The bytes of one copy stream: header length, header, content (as the host sends them). */
    static byte[] copyStream(String job, String path, byte[] content, String sha) throws IOException {
        byte[] header = DeliveryWire.copyHeader(job, path, content.length, sha).toBytes();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(header.length);
        out.write(header);
        out.write(content);
        return bytes.toByteArray();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
