package org.deskplane.modules.trust.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

import org.deskplane.modules.api.ModuleStatus;
import org.deskplane.modules.api.ModuleTrust;
import org.deskplane.modules.api.SignerInfo;
import org.deskplane.modules.api.TrustedCertificate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify(): what passes (signed by a chain to a trusted certificate, intact, complete) and each way to fail. */
class VerifySignedJarTest {

    private static final String BSN = "org.example.hello";
    private static final String CA_ALIAS = "test-ca";

    @TempDir
    Path dir;
    private ModuleTrust trust;

    @BeforeEach
    void trustOnlyTheTestCa() throws Exception {
        trust = TrustService.unconfigured();
        for (TrustedCertificate certificate : trust.trusted()) {
            trust.remove(certificate.alias());
        }
        trust.add(CA_ALIAS, TestPki.testCaPemBytes());
    }

    private Path signedByTestSigner() throws Exception {
        return TestJars.sign(TestJars.bundle(dir, "plain.jar", BSN), TestPki.testSigner(), dir.resolve("signed.jar"));
    }

    @Test
    void aJarSignedByTheTestSignerPassesWithTheSignerDescribed() throws Exception {
        X509Certificate signer = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(TestPki.signingDirectory().resolve("signer.pem")));
        String expectedSha256 = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(signer.getEncoded()));

        SignerInfo info = trust.verify(signedByTestSigner());

        assertEquals(TestPki.SIGNER_SUBJECT, info.subject());
        assertEquals(expectedSha256, info.sha256());
        assertEquals(CA_ALIAS, info.anchorAlias());
        assertEquals(signer.getNotAfter().toInstant(), info.notAfter());
    }

    @Test
    void anUnsignedJarIsUnsigned() throws Exception {
        Path jar = TestJars.bundle(dir, "plain.jar", BSN);
        Expect.refused(ModuleStatus.UNSIGNED, () -> trust.verify(jar), "not signed");
    }

    @Test
    void anEntryChangedAfterSigningIsTampered() throws Exception {
        Path tampered = TestJars.copy(signedByTestSigner(), dir.resolve("tampered.jar"),
                TestJars.replace(TestJars.RESOURCE, "evil".getBytes(StandardCharsets.UTF_8)), Map.of());
        Expect.refused(ModuleStatus.TAMPERED, () -> trust.verify(tampered), TestJars.RESOURCE);
    }

    @Test
    void anEntryAddedAfterSigningIsRefusedByName() throws Exception {
        Path added = TestJars.copy(signedByTestSigner(), dir.resolve("added.jar"), (name, bytes) -> bytes,
                Map.of("org/example/hello/Evil.class", new byte[] { 1, 2, 3 }));
        Expect.refused(ModuleStatus.UNSIGNED, () -> trust.verify(added), "org/example/hello/Evil.class",
                "added after signing");
    }

    @Test
    void anEntryAddedWithAManifestSectionAfterSigningIsUnsigned() throws Exception {
        // the attacker also lists the new entry (with a correct digest) in the manifest, but cannot re-sign it
        byte[] evil = { 1, 2, 3 };
        String digest = java.util.Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(evil));
        Path added = TestJars.copy(signedByTestSigner(), dir.resolve("added.jar"), TestJars.editManifest(m -> {
            var section = new java.util.jar.Attributes();
            section.putValue("SHA-256-Digest", digest);
            m.getEntries().put("org/example/hello/Evil.class", section);
            return m;
        }), Map.of("org/example/hello/Evil.class", evil));
        Expect.refused(ModuleStatus.UNSIGNED, () -> trust.verify(added), "org/example/hello/Evil.class",
                "is not signed");
    }

    @Test
    void anEntryRemovedAfterSigningIsTampered() throws Exception {
        Path removed = TestJars.copy(signedByTestSigner(), dir.resolve("removed.jar"),
                (name, bytes) -> name.equals(TestJars.CLASS_LIKE) ? null : bytes, Map.of());
        Expect.refused(ModuleStatus.TAMPERED, () -> trust.verify(removed), TestJars.CLASS_LIKE);
    }

    @Test
    void aManifestMainAttributeChangedAfterSigningIsTampered() throws Exception {
        Path renamed = TestJars.copy(signedByTestSigner(), dir.resolve("renamed.jar"), TestJars.editManifest(m -> {
            m.getMainAttributes().putValue("Bundle-SymbolicName", "org.example.other");
            return m;
        }), Map.of());
        Expect.refused(ModuleStatus.TAMPERED, () -> trust.verify(renamed));
    }

    @Test
    void aSignedJarWithoutBundleSymbolicNameIsInvalid() throws Exception {
        Path jar = TestJars.sign(TestJars.bundle(dir, "plain.jar", null), TestPki.testSigner(), dir.resolve("s.jar"));
        Expect.refused(ModuleStatus.INVALID, () -> trust.verify(jar), "Bundle-SymbolicName");
    }

    @Test
    void aJarSignedUnderAnotherCaIsUntrusted() throws Exception {
        TestPki.Identity otherCa = TestPki.selfSignedCa("Other Test CA");
        TestPki.Identity signer = TestPki.signerUnder(otherCa, "Other Signer", Instant.now().minusSeconds(60),
                Instant.now().plus(Duration.ofDays(1)));
        Path jar = TestJars.sign(TestJars.bundle(dir, "plain.jar", BSN), signer, dir.resolve("other.jar"));
        Expect.refused(ModuleStatus.UNTRUSTED_SIGNER, () -> trust.verify(jar), "CN=Other Signer");
    }

    @Test
    void aSignerIssuedByTheTrustedCaButExpiredIsExpired() throws Exception {
        TestPki.Identity signer = TestPki.signerUnder(TestPki.testCa(), "Expired Signer",
                Instant.now().minus(Duration.ofDays(10)), Instant.now().minus(Duration.ofDays(1)));
        Path jar = TestJars.sign(TestJars.bundle(dir, "plain.jar", BSN), signer, dir.resolve("expired.jar"));
        Expect.refused(ModuleStatus.EXPIRED, () -> trust.verify(jar), "CN=Expired Signer", "expired");
    }

    @Test
    void aSignerIssuedByTheTrustedCaButNotYetValidIsExpired() throws Exception {
        TestPki.Identity signer = TestPki.signerUnder(TestPki.testCa(), "Future Signer",
                Instant.now().plus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(10)));
        Path jar = TestJars.sign(TestJars.bundle(dir, "plain.jar", BSN), signer, dir.resolve("future.jar"));
        Expect.refused(ModuleStatus.EXPIRED, () -> trust.verify(jar), "CN=Future Signer", "not valid before");
    }

    @Test
    void aSignerNotAllowedToSignCodeIsUntrusted() throws Exception {
        TestPki.Identity tlsServer = TestPki.issue(TestPki.testCa(), "TLS Server", Instant.now().minusSeconds(60),
                Instant.now().plus(Duration.ofDays(1)), false, false);
        Path jar = TestJars.sign(TestJars.bundle(dir, "plain.jar", BSN), tlsServer, dir.resolve("tls.jar"));
        Expect.refused(ModuleStatus.UNTRUSTED_SIGNER, () -> trust.verify(jar), "code signing");
    }

    @Test
    void aChainThroughAnIntermediateCaPasses() throws Exception {
        TestPki.Identity intermediate = TestPki.issue(TestPki.testCa(), "Intermediate CA",
                Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(2)), true, false);
        TestPki.Identity signer = TestPki.signerUnder(intermediate, "Team Signer", Instant.now().minusSeconds(60),
                Instant.now().plus(Duration.ofDays(1)));
        Path jar = TestJars.sign(TestJars.bundle(dir, "plain.jar", BSN), signer, dir.resolve("team.jar"));

        SignerInfo info = trust.verify(jar);

        assertEquals("CN=Team Signer,O=Deskplane Tests", info.subject());
        assertEquals(CA_ALIAS, info.anchorAlias());
    }

    @Test
    void removingTheCaFromTheTrustStoreMakesItsSignerUntrusted() throws Exception {
        Path jar = signedByTestSigner();
        assertEquals(CA_ALIAS, trust.verify(jar).anchorAlias());

        trust.remove(CA_ALIAS);

        Expect.refused(ModuleStatus.UNTRUSTED_SIGNER, () -> trust.verify(jar), TestPki.SIGNER_SUBJECT);
    }

    @Test
    void aSignerCertificateTrustedDirectlyIsItsOwnAnchor() throws Exception {
        trust.remove(CA_ALIAS);
        trust.add("pinned-signer", Files.readAllBytes(TestPki.signingDirectory().resolve("signer.pem")));

        assertEquals("pinned-signer", trust.verify(signedByTestSigner()).anchorAlias());
    }

    @Test
    void entriesSignedByDifferentSignersAreRefused() throws Exception {
        // signed by the test signer, then an entry added and the whole jar signed again by another trusted signer:
        // the old entries carry both signers, the new one only the second
        Path once = signedByTestSigner();
        Path withExtra = TestJars.copy(once, dir.resolve("extra.jar"), (name, bytes) -> bytes,
                Map.of("org/example/hello/extra.txt", new byte[] { 42 }));
        TestPki.Identity second = TestPki.signerUnder(TestPki.testCa(), "Second Signer",
                Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(1)));
        Path twice = TestJars.sign(withExtra, second, dir.resolve("twice.jar"), "SECOND");

        Expect.refused(ModuleStatus.UNTRUSTED_SIGNER, () -> trust.verify(twice), "same signer");
    }
}
