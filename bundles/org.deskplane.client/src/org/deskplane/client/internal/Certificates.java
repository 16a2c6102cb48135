package org.deskplane.client.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

import javax.net.ssl.X509TrustManager;

import org.deskplane.client.CertificateTrust;
import org.deskplane.client.ServerCertificate;

/** Turns an X.509 certificate into what a person compares: its SHA-256 fingerprint and names. */
public final class Certificates {

    private Certificates() {
    }

    public static String sha256Fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return CertificateTrust.normalize(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot compute a certificate fingerprint: " + e.getMessage(), e);
        }
    }

    /** Describes the leaf of {@code chain}; asks {@code systemTrust} whether a CA vouches for it. */
    static ServerCertificate describe(X509Certificate[] chain, String authType, X509TrustManager systemTrust) {
        X509Certificate leaf = chain[0];
        boolean trustedBySystem;
        try {
            systemTrust.checkServerTrusted(chain, authType);
            trustedBySystem = true;
        } catch (Exception e) {
            trustedBySystem = false;
        }
        return new ServerCertificate(sha256Fingerprint(leaf), leaf.getSubjectX500Principal().getName(),
                leaf.getIssuerX500Principal().getName(), leaf.getNotAfter().toInstant(), trustedBySystem);
    }
}
