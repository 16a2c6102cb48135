package org.deskplane.modules.trust.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;

import org.deskplane.modules.api.ModuleStatus;
import org.deskplane.modules.api.ModuleTrust;
import org.deskplane.modules.api.TrustedCertificate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The trust store: add (PEM or DER), list, remove, refuse bad input, keep everything on disk across restarts. */
class TrustStoreTest {

    private ModuleTrust trust;

    @BeforeEach
    void emptyStore() throws Exception {
        trust = TrustService.unconfigured();
        for (TrustedCertificate certificate : trust.trusted()) {
            trust.remove(certificate.alias());
        }
    }

    private static Path storeDirectory() {
        return Path.of(System.getProperty("deskplane.data")).resolve("modules").resolve("trust");
    }

    private static X509Certificate testCa() throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(TestPki.testCaPemBytes()));
    }

    @Test
    void aPemCertificateIsListedWithSubjectIssuerValidityAndFingerprint() throws Exception {
        X509Certificate ca = testCa();
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ca.getEncoded()));

        TrustedCertificate added = trust.add("test-ca", TestPki.testCaPemBytes());

        TrustedCertificate expected = new TrustedCertificate("test-ca", "CN=Deskplane Test Module CA,O=Deskplane",
                "CN=Deskplane Test Module CA,O=Deskplane", ca.getNotBefore().toInstant(),
                ca.getNotAfter().toInstant(), sha256);
        assertEquals(expected, added);
        assertEquals(List.of(expected), trust.trusted());
        assertTrue(Files.isRegularFile(storeDirectory().resolve("test-ca.pem")));
    }

    @Test
    void aDerCertificateIsAcceptedToo() throws Exception {
        TrustedCertificate added = trust.add("der.ca_1", testCa().getEncoded());
        assertEquals("CN=Deskplane Test Module CA,O=Deskplane", added.subject());
        assertEquals(List.of("der.ca_1"), trust.trusted().stream().map(TrustedCertificate::alias).toList());
    }

    @Test
    void addingUnderAnExistingAliasReplacesTheCertificate() throws Exception {
        trust.add("ca", TestPki.testCaPemBytes());
        trust.add("ca", Files.readAllBytes(TestPki.signingDirectory().resolve("signer.pem")));
        assertEquals(List.of(TestPki.SIGNER_SUBJECT), trust.trusted().stream().map(TrustedCertificate::subject).toList());
    }

    @Test
    void garbageIsInvalidAndNothingIsStored() throws Exception {
        Expect.refused(ModuleStatus.INVALID,
                () -> trust.add("garbage", "this is not a certificate".getBytes(StandardCharsets.UTF_8)));
        Expect.refused(ModuleStatus.INVALID, () -> trust.add("garbage", new byte[] { 0x30, 0x03, 0x02, 0x01, 0x01 }));
        Expect.refused(ModuleStatus.INVALID, () -> trust.add("garbage",
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n".getBytes(StandardCharsets.US_ASCII)));
        Expect.refused(ModuleStatus.INVALID, () -> trust.add("garbage", new byte[0]));
        assertEquals(List.of(), trust.trusted());
        assertFalse(Files.exists(storeDirectory().resolve("garbage.pem")));
    }

    @Test
    void aPemWithTwoCertificatesIsInvalid() throws Exception {
        byte[] signer = Files.readAllBytes(TestPki.signingDirectory().resolve("signer.pem"));
        byte[] both = (new String(TestPki.testCaPemBytes(), StandardCharsets.US_ASCII)
                + new String(signer, StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII);
        Expect.refused(ModuleStatus.INVALID, () -> trust.add("two", both), "more than one");
    }

    @Test
    void aliasesThatCouldLeaveTheStoreAreInvalid() throws Exception {
        byte[] ca = TestPki.testCaPemBytes();
        for (String alias : List.of("../escape", "a/b", "a\\b", "..", ".hidden", "", "has space", "ümlaut")) {
            Expect.refused(ModuleStatus.INVALID, () -> trust.add(alias, ca), "alias");
        }
        Expect.refused(ModuleStatus.INVALID, () -> trust.add(null, ca));
        Expect.refused(ModuleStatus.INVALID, () -> trust.remove("../escape"));
        assertEquals(List.of(), trust.trusted());
        assertFalse(Files.exists(storeDirectory().resolve("..").resolve("escape.pem")));
    }

    @Test
    void removeDeletesTheEntryAndItsFileAndSaysWhetherThereWasOne() throws Exception {
        trust.add("test-ca", TestPki.testCaPemBytes());

        assertTrue(trust.remove("test-ca"));
        assertFalse(trust.remove("test-ca"));

        assertEquals(List.of(), trust.trusted());
        assertFalse(Files.exists(storeDirectory().resolve("test-ca.pem")));
    }

    @Test
    void theStoreSurvivesARestartOfTheComponent() throws Exception {
        trust.add("kept", TestPki.testCaPemBytes());
        trust.add("dropped", Files.readAllBytes(TestPki.signingDirectory().resolve("signer.pem")));
        trust.remove("dropped");
        List<TrustedCertificate> before = trust.trusted();

        ModuleTrust restarted = TrustService.restartProvider();

        assertEquals(before, restarted.trusted());
        assertEquals(List.of("kept"), restarted.trusted().stream().map(TrustedCertificate::alias).toList());
    }

    @Test
    void aDamagedStoreFileOrAHalfWrittenTemporaryFileDoesNotStopTheStore() throws Exception {
        trust.add("kept", TestPki.testCaPemBytes());
        Path broken = Files.writeString(storeDirectory().resolve("broken.pem"), "not a certificate");
        Path leftover = Files.writeString(storeDirectory().resolve(".kept.pem.123.tmp"), "half written");
        try {
            ModuleTrust restarted = TrustService.restartProvider();

            assertEquals(List.of("kept"), restarted.trusted().stream().map(TrustedCertificate::alias).toList());
            assertTrue(Files.exists(broken), "a damaged file is left for the administrator to look at");
            assertFalse(Files.exists(leftover), "a temporary file of an interrupted write is cleaned up");
        } finally {
            Files.deleteIfExists(broken);
        }
    }
}
