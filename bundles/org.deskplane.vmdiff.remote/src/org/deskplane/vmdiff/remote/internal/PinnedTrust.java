package org.deskplane.vmdiff.remote.internal;

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

/**
 * TLS trust for a host talking to its server, as the other Deskplane clients do it: servers here have self-signed
 * certificates, so a host is given the SHA-256 fingerprint of its server's certificate and trusts exactly that one;
 * without a fingerprint the JVM's default trust store decides.
 */
final class PinnedTrust {

    private PinnedTrust() {
    }

    static SSLContext context(String fingerprint) throws GeneralSecurityException {
        if (fingerprint == null || fingerprint.isBlank()) {
            return SSLContext.getDefault();
        }
        String expected = fingerprint.replace(":", "").strip().toLowerCase(Locale.ROOT);
        X509TrustManager pinned = new X509TrustManager() {
            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                try {
                    String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded()));
                    if (!actual.equals(expected)) {
                        throw new CertificateException("the server's certificate " + actual + " is not the pinned " + expected);
                    }
                } catch (GeneralSecurityException e) {
                    throw new CertificateException(e.getMessage(), e);
                }
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                throw new CertificateException("a host does not accept client certificates");
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] { pinned }, new SecureRandom());
        return context;
    }
}
