package org.deskplane.modules.trust.internal;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.security.auth.x500.X500Principal;

import org.deskplane.modules.api.ModuleException;
import org.deskplane.modules.api.ModuleStatus;
import org.deskplane.modules.api.TrustedCertificate;

/** Reads one X.509 certificate from PEM or DER bytes, writes PEM, and describes a certificate for humans. */
final class CertificateCodec {

    /** Real certificates are a few KiB; anything far bigger is not one, and is not parsed. */
    static final int MAX_CERTIFICATE_BYTES = 64 * 1024;

    private static final String BEGIN = "-----BEGIN CERTIFICATE-----";
    private static final Pattern PEM_BLOCK = Pattern
            .compile("-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]*)-----END CERTIFICATE-----");

    private CertificateCodec() {
    }

    /** Parses exactly one certificate, given as PEM (one CERTIFICATE block) or DER; bad input is INVALID. */
    static X509Certificate parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new ModuleException(ModuleStatus.INVALID, "No certificate bytes given");
        }
        if (bytes.length > MAX_CERTIFICATE_BYTES) {
            throw new ModuleException(ModuleStatus.TOO_LARGE, "A certificate of " + bytes.length
                    + " bytes is bigger than the " + MAX_CERTIFICATE_BYTES + " bytes accepted");
        }
        byte[] der = looksLikePem(bytes) ? pemToDer(new String(bytes, StandardCharsets.US_ASCII)) : bytes;
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            var certificates = factory.generateCertificates(new ByteArrayInputStream(der));
            if (certificates.size() != 1) {
                throw new ModuleException(ModuleStatus.INVALID,
                        "Expected one certificate, found " + certificates.size());
            }
            Certificate certificate = certificates.iterator().next();
            if (!(certificate instanceof X509Certificate x509)) {
                throw new ModuleException(ModuleStatus.INVALID, "Not an X.509 certificate");
            }
            return x509;
        } catch (CertificateException | RuntimeException e) {
            if (e instanceof ModuleException moduleException) {
                throw moduleException;
            }
            // the JDK parser throws assorted runtime exceptions on hostile DER; all mean the same to the caller
            throw new ModuleException(ModuleStatus.INVALID,
                    "Not a PEM or DER X.509 certificate: " + e.getMessage(), e);
        }
    }

    static byte[] toPem(X509Certificate certificate) {
        String base64 = Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(encoded(certificate));
        return (BEGIN + "\n" + base64 + "\n-----END CERTIFICATE-----\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** SHA-256 of the DER encoding, lowercase hex without separators. */
    static String sha256(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(encoded(certificate));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
    }

    static TrustedCertificate describe(String alias, X509Certificate certificate) {
        return new TrustedCertificate(alias, subject(certificate),
                certificate.getIssuerX500Principal().getName(X500Principal.RFC2253),
                certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), sha256(certificate));
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a parsed certificate can be encoded again", e);
        }
    }

    private static boolean looksLikePem(byte[] bytes) {
        // DER starts with a SEQUENCE tag (0x30); PEM is text that contains the BEGIN line
        return bytes[0] != 0x30 && new String(bytes, StandardCharsets.US_ASCII).contains(BEGIN);
    }

    private static byte[] pemToDer(String text) {
        Matcher block = PEM_BLOCK.matcher(text);
        if (!block.find()) {
            throw new ModuleException(ModuleStatus.INVALID, "PEM certificate has no matching END CERTIFICATE line");
        }
        String base64 = block.group(1);
        if (block.find()) {
            throw new ModuleException(ModuleStatus.INVALID,
                    "PEM holds more than one certificate; add each under its own alias");
        }
        try {
            return Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new ModuleException(ModuleStatus.INVALID, "PEM certificate is not valid Base64", e);
        }
    }
}
