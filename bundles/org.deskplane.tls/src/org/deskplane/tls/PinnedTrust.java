package org.deskplane.tls;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** An SSLContext that trusts exactly one server certificate, named by its SHA-256 fingerprint. */
public final class PinnedTrust {

    private PinnedTrust() {
    }

    /**
     * Trusts only the certificate with this fingerprint (hex, colons and case ignored); with none (null or
     * blank), the JVM's default trust store decides.
     */
    public static SSLContext context(String fingerprint) throws GeneralSecurityException {
        if (fingerprint == null || fingerprint.isBlank()) {
            return SSLContext.getDefault();
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] { trustManager(fingerprint) }, new SecureRandom());
        return context;
    }

    /** The trust manager behind {@link #context}: the server's leaf certificate must have this fingerprint. */
    public static X509TrustManager trustManager(String fingerprint) {
        String expected = fingerprint.replace(":", "").strip().toLowerCase(Locale.ROOT);
        return new X509TrustManager() {
            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                if (chain == null || chain.length == 0) {
                    throw new CertificateException("the server sent no certificate");
                }
                String actual = fingerprintOf(chain[0]);
                if (!actual.equals(expected)) {
                    throw new CertificateException("the server's certificate " + actual + " is not the pinned " + expected);
                }
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                throw new CertificateException("this side does not accept client certificates");
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
    }

    /** The SHA-256 fingerprint of a certificate, lower-case hex without colons. */
    public static String fingerprintOf(X509Certificate certificate) throws CertificateException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new CertificateException(e.getMessage(), e);
        }
    }
}
