package org.deskplane.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsIdentityTest {

    @Test
    void firstStartMakesAValidSelfSignedCertificateLaterStartsReuseIt(@TempDir Path data) throws Exception {
        TlsIdentity first = TlsIdentity.loadOrCreate(data, "127.0.0.1");
        assertTrue(Files.exists(data.resolve("tls/server.p12")));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(data.resolve("tls/keystore.secret"))));

        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(first.keystore())) {
            ks.load(in, first.password().toCharArray());
        }
        X509Certificate cert = (X509Certificate) ks.getCertificate(TlsIdentity.ALIAS);
        cert.checkValidity();
        cert.verify(cert.getPublicKey()); // self-signed
        Collection<List<?>> names = cert.getSubjectAlternativeNames();
        assertTrue(names.stream().anyMatch(n -> "127.0.0.1".equals(n.get(1))), names.toString());
        assertTrue(names.stream().anyMatch(n -> "localhost".equals(n.get(1))), names.toString());

        TlsIdentity again = TlsIdentity.loadOrCreate(data, "127.0.0.1");
        assertEquals(first.sha256Fingerprint(), again.sha256Fingerprint(), "certificate must survive restarts");
    }

    @Test
    void separateDataDirectoriesGetSeparateKeys(@TempDir Path a, @TempDir Path b) throws Exception {
        assertNotEquals(TlsIdentity.loadOrCreate(a, "127.0.0.1").sha256Fingerprint(),
                TlsIdentity.loadOrCreate(b, "127.0.0.1").sha256Fingerprint());
    }
}
