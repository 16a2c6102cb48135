package org.deskplane.modules.trust.tests;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.jar.Manifest;

import org.deskplane.modules.api.ModuleStatus;
import org.deskplane.modules.api.ModuleTrust;
import org.deskplane.modules.api.TrustedCertificate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify() on jars built to hurt: too big, too many entries, escaping names, damaged bytes — all a clear refusal. */
class HostileJarTest {

    @TempDir
    Path dir;
    private ModuleTrust trust;

    @BeforeEach
    void trustTheTestCa() throws Exception {
        trust = TrustService.unconfigured();
        for (TrustedCertificate certificate : trust.trusted()) {
            trust.remove(certificate.alias());
        }
        trust.add("test-ca", TestPki.testCaPemBytes());
    }

    private static Manifest bundleManifest() {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", "org.example.hostile");
        return manifest;
    }

    @Test
    void aJarOverTheDefault64MiBIsTooLarge() throws Exception {
        Path big = dir.resolve("big.jar");
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(64L * 1024 * 1024 + 1); // sparse: costs no disk
        }
        Expect.refused(ModuleStatus.TOO_LARGE, () -> trust.verify(big), "67108864");
    }

    @Test
    void aJarWithMoreThanTheDefault20000EntriesIsTooLarge() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 0; i <= 20_000; i++) {
            entries.put("r/" + i, new byte[0]);
        }
        // unsigned is enough: the count is checked first (without the limit this would be UNSIGNED)
        Path many = TestJars.write(dir.resolve("many.jar"), bundleManifest(), entries);
        Expect.refused(ModuleStatus.TOO_LARGE, () -> trust.verify(many), "entries");
    }

    @Test
    void anEntryNameWithDotDotIsInvalid() throws Exception {
        Path jar = TestJars.sign(TestJars.write(dir.resolve("dots.jar"), bundleManifest(),
                Map.of("org/../../escape.txt", new byte[] { 1 })), TestPki.testSigner(), dir.resolve("s.jar"));
        Expect.refused(ModuleStatus.INVALID, () -> trust.verify(jar), "escape.txt", "..");
    }

    @Test
    void anAbsoluteEntryNameIsInvalid() throws Exception {
        Path jar = TestJars.sign(TestJars.write(dir.resolve("abs.jar"), bundleManifest(),
                Map.of("/etc/cron.d/evil", new byte[] { 1 })), TestPki.testSigner(), dir.resolve("s.jar"));
        Expect.refused(ModuleStatus.INVALID, () -> trust.verify(jar), "/etc/cron.d/evil", "absolute");
    }

    @Test
    void aTruncatedJarIsRefusedAsInvalidOrTampered() throws Exception {
        byte[] signed = Files.readAllBytes(TestJars.sign(TestJars.bundle(dir, "plain.jar", "org.example.hello"),
                TestPki.testSigner(), dir.resolve("signed.jar")));
        Path truncated = Files.write(dir.resolve("truncated.jar"), Arrays.copyOf(signed, signed.length / 2));
        Expect.refusedAsOneOf(Set.of(ModuleStatus.INVALID, ModuleStatus.TAMPERED), () -> trust.verify(truncated));
    }

    @Test
    void aJarWithDamagedCompressedBytesIsRefusedAsInvalidOrTampered() throws Exception {
        Map<String, byte[]> entries = Map.of("org/example/text.txt",
                "some text that deflates, some text that deflates, ".repeat(200).getBytes(StandardCharsets.UTF_8));
        byte[] signed = Files.readAllBytes(TestJars.sign(TestJars.write(dir.resolve("p.jar"), bundleManifest(),
                entries), TestPki.testSigner(), dir.resolve("s.jar")));
        int at = indexOf(signed, "org/example/text.txt".getBytes(StandardCharsets.US_ASCII)); // local header name
        for (int i = at + 40; i < at + 60; i++) {
            signed[i] ^= 0x5A; // inside the entry's compressed data
        }
        Path damaged = Files.write(dir.resolve("damaged.jar"), signed);
        Expect.refusedAsOneOf(Set.of(ModuleStatus.INVALID, ModuleStatus.TAMPERED), () -> trust.verify(damaged));
    }

    @Test
    void bytesThatAreNoZipAtAllAreInvalid() throws Exception {
        Path text = Files.writeString(dir.resolve("text.jar"), "not a zip");
        Expect.refused(ModuleStatus.INVALID, () -> trust.verify(text), "text.jar");
        Expect.refused(ModuleStatus.INVALID, () -> trust.verify(dir.resolve("missing.jar")));
        Expect.refused(ModuleStatus.INVALID, () -> trust.verify(dir));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
