package org.deskplane.tls.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.deskplane.tls.PinnedTrust;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pinned trust in real TLS handshakes against a server with a self-signed certificate (made by keytool, as a
 * Deskplane server makes its own): its fingerprint, in any of the spellings people paste, lets the client in;
 * another certificate's fingerprint stops the handshake.
 */
class PinnedTrustTest {
    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path dir;

    private static KeyStore server;
    private static KeyStore other;

    @BeforeAll
    static void makeCertificates() throws Exception {
        server = selfSigned("server");
        other = selfSigned("other");
    }

    @Test
    void theServersOwnFingerprintInAnySpellingIsTrusted() throws Exception {
        String hex = PinnedTrust.fingerprintOf(certificate(server));
        StringBuilder colons = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 2) {
            colons.append(i == 0 ? "" : ":").append(hex, i, i + 2);
        }
        for (String spelling : List.of(hex, hex.toUpperCase(Locale.ROOT), colons.toString(), " " + colons + " ")) {
            assertEquals("pong", handshakeAndPing(PinnedTrust.context(spelling)), spelling);
        }
    }

    @Test
    void anyOtherCertificateIsRefused() throws Exception {
        String wrong = PinnedTrust.fingerprintOf(certificate(other));
        assertThrows(SSLHandshakeException.class, () -> handshakeAndPing(PinnedTrust.context(wrong)));
        CertificateException e = assertThrows(CertificateException.class,
                () -> PinnedTrust.trustManager(wrong).checkServerTrusted(new X509Certificate[] { certificate(server) }, "RSA"));
        assertTrue(e.getMessage().contains(wrong), e.getMessage());
        assertThrows(CertificateException.class,
                () -> PinnedTrust.trustManager(wrong).checkServerTrusted(new X509Certificate[0], "RSA"));
    }

    @Test
    void withoutAFingerprintTheDefaultTrustStoreDecides() throws Exception {
        assertEquals(SSLContext.getDefault(), PinnedTrust.context(null));
        assertEquals(SSLContext.getDefault(), PinnedTrust.context("  "));
        assertThrows(SSLHandshakeException.class, () -> handshakeAndPing(PinnedTrust.context(null)),
                "a self-signed certificate is not in the JVM's trust store");
    }

    /** One TLS connection to a server holding the "server" key: the client writes ping, the server answers pong. */
    private static String handshakeAndPing(SSLContext client) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(server, PASSWORD);
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keys.getKeyManagers(), null, null);
        try (SSLServerSocket listening = (SSLServerSocket) serverContext.getServerSocketFactory().createServerSocket(0, 1,
                InetAddress.getLoopbackAddress())) {
            Thread answering = Thread.ofPlatform().start(() -> {
                try (SSLSocket accepted = (SSLSocket) listening.accept()) {
                    accepted.setSoTimeout(10_000);
                    InputStream in = accepted.getInputStream();
                    if (new String(in.readNBytes(4)).equals("ping")) {
                        accepted.getOutputStream().write("pong".getBytes());
                    }
                } catch (Exception e) {
                    // the client refused the handshake: nothing to answer
                }
            });
            try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                    listening.getLocalPort())) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write("ping".getBytes());
                out.flush();
                return new String(socket.getInputStream().readNBytes(4));
            } finally {
                answering.join(10_000);
            }
        }
    }

    private static X509Certificate certificate(KeyStore store) throws Exception {
        return (X509Certificate) store.getCertificate(store.aliases().nextElement());
    }

    private static KeyStore selfSigned(String name) throws Exception {
        Path file = dir.resolve(name + ".p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", name, "-keyalg", "RSA",
                "-keysize", "2048", "-dname", "CN=" + name, "-validity", "2", "-storetype", "PKCS12", "-keystore",
                file.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, "keytool: " + output);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD);
        }
        return store;
    }
}
