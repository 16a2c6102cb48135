package org.deskplane.delivery.repository.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Payload folders and archives for the tests, and the few host tools they read results back with. */
final class Fixtures {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:15:30Z"), ZoneOffset.UTC);

    private Fixtures() {
    }

    static FilePayloadRepository repository(Path root) throws IOException {
        return new FilePayloadRepository(root, ImportLimits.DEFAULTS, new IsoBuilderImageWriter(), CLOCK);
    }

    /** A payload folder: manifest (extra lines appended), an executable install script, a config and a Unicode name. */
    static Path payloadFolder(Path dir, String id, String version, String extraManifest) throws IOException {
        Files.createDirectories(dir);
        write(dir, "deskplane-payload.conf", "id = " + id + "\nversion = " + version + "\ndescription = test payload\n"
                + "copy = conf/app.conf => /etc/app/app.conf\nrun = install.sh --quiet\n" + extraManifest);
        Path script = write(dir, "install.sh", "#!/bin/sh\necho installing \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        write(dir, "conf/app.conf", "answer=42\n");
        write(dir, "Grüße dir/file with space 日本.txt", "hello\n");
        return dir;
    }

    static Path write(Path dir, String path, String content) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                if (e.getValue() != null) {
                    zip.write(e.getValue());
                }
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static Map<String, byte[]> zipEntries(String id, String version) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("deskplane-payload.conf", ("id = " + id + "\nversion = " + version + "\nrun = bin/setup.sh\n").getBytes(StandardCharsets.UTF_8));
        entries.put("bin/", null);
        entries.put("bin/setup.sh", "echo set up\n".getBytes(StandardCharsets.UTF_8));
        entries.put("data/readme.txt", "read me\n".getBytes(StandardCharsets.UTF_8));
        return entries;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static String sha256(Path file) throws Exception {
        return sha256(Files.readAllBytes(file));
    }

    /** Everything below {@code root}, relative, sorted (to show that nothing was left behind). */
    static List<String> tree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    /** Runs a host tool and returns its output; fails the test when it does not exit 0 within a minute. */
    static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertEquals(true, process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), String.join(" ", command) + ":\n" + text);
        return text;
    }
}
