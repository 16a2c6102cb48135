package org.deskplane.modules.trust.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.deskplane.modules.api.ModuleStatus;
import org.deskplane.modules.api.ModuleTrust;
import org.deskplane.modules.api.TrustedCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration PID org.deskplane.modules.trust: initial certificates and the jar limits. */
class TrustConfigurationTest {

    @TempDir
    Path dir;

    @BeforeEach
    void emptyStore() throws Exception {
        ModuleTrust trust = TrustService.unconfigure();
        for (TrustedCertificate certificate : trust.trusted()) {
            trust.remove(certificate.alias());
        }
    }

    @AfterEach
    void backToDefaults() throws Exception {
        TrustService.unconfigure();
    }

    @Test
    void initialTrustedCertificatesAreAddedUnderTheirFileNameWhenMissing() throws Exception {
        ModuleTrust trust = TrustService.configure("initial", Map.of("initialTrustedCertificates",
                new String[] { TestPki.testCaPem().toString(), dir.resolve("missing.pem").toString() }));

        List<TrustedCertificate> trusted = trust.trusted();
        assertEquals(List.of("deskplane-test-ca"), trusted.stream().map(TrustedCertificate::alias).toList());
        assertEquals("CN=Deskplane Test Module CA,O=Deskplane", trusted.get(0).subject());
        Path signed = TestJars.sign(TestJars.bundle(dir, "plain.jar", "org.example.hello"), TestPki.testSigner(),
                dir.resolve("signed.jar"));
        assertEquals("deskplane-test-ca", trust.verify(signed).anchorAlias());
    }

    @Test
    void anInitialCertificateDoesNotReplaceAnEntryOfItsAlias() throws Exception {
        ModuleTrust before = TrustService.unconfigured();
        before.add("deskplane-test-ca", Files.readAllBytes(TestPki.signingDirectory().resolve("signer.pem")));

        ModuleTrust trust = TrustService.configure("keep", Map.of("initialTrustedCertificates",
                new String[] { TestPki.testCaPem().toString() }));

        assertEquals(List.of(TestPki.SIGNER_SUBJECT),
                trust.trusted().stream().map(TrustedCertificate::subject).toList());
    }

    @Test
    void aConfiguredMaximumJarSizeIsApplied() throws Exception {
        ModuleTrust trust = TrustService.configure("small", Map.of("maxJarBytes", 1000L,
                "initialTrustedCertificates", new String[] { TestPki.testCaPem().toString() }));
        Path signed = TestJars.sign(TestJars.bundle(dir, "plain.jar", "org.example.hello"), TestPki.testSigner(),
                dir.resolve("signed.jar"));
        assertTrue(Files.size(signed) > 1000);

        Expect.refused(ModuleStatus.TOO_LARGE, () -> trust.verify(signed), "1000");
    }

    @Test
    void aConfiguredMaximumOfUncompressedBytesStopsAZipBomb() throws Exception {
        ModuleTrust trust = TrustService.configure("bomb", Map.of("maxUncompressedBytes", 1024L * 1024,
                "initialTrustedCertificates", new String[] { TestPki.testCaPem().toString() }));
        var manifest = new java.util.jar.Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", "org.example.bomb");
        Path bomb = TestJars.sign(TestJars.write(dir.resolve("bomb.jar"), manifest,
                Map.of("zeros.bin", new byte[2 * 1024 * 1024])), TestPki.testSigner(), dir.resolve("signed.jar"));
        assertTrue(Files.size(bomb) < 64 * 1024, "the bomb compresses well");

        Expect.refused(ModuleStatus.TOO_LARGE, () -> trust.verify(bomb), "zeros.bin");
    }
}
