package org.deskplane.modules.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.deskplane.modules.api.ModuleException;
import org.deskplane.modules.api.ModuleStatus;
import org.deskplane.modules.api.ModuleTrust;
import org.deskplane.modules.api.SignerInfo;
import org.deskplane.modules.api.TrustedCertificate;

/**
 * A trust store in memory with the JDK's own JAR signature check: every entry must be signed, the signer's chain
 * must reach a trusted certificate (by issuer signature), and every certificate on the way must be valid now.
 */
public final class InMemoryModuleTrust implements ModuleTrust {

    private final Map<String, X509Certificate> trusted = new ConcurrentSkipListMap<>();

    @Override
    public SignerInfo verify(Path jar) {
        try (JarFile file = new JarFile(jar.toFile(), true)) {
            Manifest manifest = file.getManifest();
            if (manifest == null || manifest.getMainAttributes().getValue("Bundle-SymbolicName") == null) {
                throw new ModuleException(ModuleStatus.INVALID, "not a bundle: the jar has no Bundle-SymbolicName");
            }
            X509Certificate[] chain = null;
            byte[] buffer = new byte[8192];
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements();) {
                JarEntry entry = entries.nextElement();
                if (entry.isDirectory() || entry.getName().toUpperCase(java.util.Locale.ROOT).startsWith("META-INF/")) {
                    continue;
                }
                try (InputStream in = file.getInputStream(entry)) {
                    while (in.read(buffer) >= 0) {
                        // reading is what makes the JDK check the entry's digest
                    }
                } catch (SecurityException e) {
                    throw new ModuleException(ModuleStatus.TAMPERED, entry.getName() + ": " + e.getMessage(), e);
                }
                CodeSigner[] signers = entry.getCodeSigners();
                if (signers == null || signers.length == 0) {
                    throw new ModuleException(ModuleStatus.UNSIGNED, "entry " + entry.getName() + " is not signed");
                }
                chain = signers[0].getSignerCertPath().getCertificates().toArray(new X509Certificate[0]);
            }
            if (chain == null) {
                throw new ModuleException(ModuleStatus.UNSIGNED, "the jar has no signed entries");
            }
            return check(chain);
        } catch (SecurityException e) {
            throw new ModuleException(ModuleStatus.TAMPERED, e.getMessage(), e);
        } catch (IOException e) {
            throw new ModuleException(ModuleStatus.INVALID, "not a jar: " + e.getMessage(), e);
        }
    }

    private SignerInfo check(X509Certificate[] chain) {
        for (X509Certificate certificate : chain) {
            try {
                certificate.checkValidity();
            } catch (CertificateExpiredException | CertificateNotYetValidException e) {
                throw new ModuleException(ModuleStatus.EXPIRED,
                        certificate.getSubjectX500Principal().getName() + ": " + e.getMessage(), e);
            }
        }
        X509Certificate signer = chain[0];
        for (X509Certificate certificate : chain) {
            for (Map.Entry<String, X509Certificate> anchor : trusted.entrySet()) {
                if (signedBy(certificate, anchor.getValue())) {
                    return new SignerInfo(signer.getSubjectX500Principal().getName(), sha256(signer), anchor.getKey(),
                            signer.getNotAfter().toInstant());
                }
            }
        }
        throw new ModuleException(ModuleStatus.UNTRUSTED_SIGNER, "the signer "
                + signer.getSubjectX500Principal().getName() + " does not chain to a trusted certificate");
    }

    private static boolean signedBy(X509Certificate certificate, X509Certificate anchor) {
        if (certificate.equals(anchor)) {
            return true;
        }
        if (!certificate.getIssuerX500Principal().equals(anchor.getSubjectX500Principal())) {
            return false;
        }
        try {
            certificate.verify(anchor.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public List<TrustedCertificate> trusted() {
        return trusted.entrySet().stream().map(e -> describe(e.getKey(), e.getValue())).toList();
    }

    @Override
    public TrustedCertificate add(String alias, byte[] certificate) {
        if (alias == null || !alias.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new ModuleException(ModuleStatus.INVALID, "alias must be 1-64 of A-Z a-z 0-9 . _ -: " + alias);
        }
        try {
            Certificate parsed = CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificate));
            X509Certificate x509 = (X509Certificate) parsed;
            trusted.put(alias, x509);
            return describe(alias, x509);
        } catch (CertificateException | ClassCastException e) {
            throw new ModuleException(ModuleStatus.INVALID, "not an X.509 certificate (PEM or DER): " + e.getMessage(),
                    e);
        }
    }

    @Override
    public boolean remove(String alias) {
        return trusted.remove(alias) != null;
    }

    private static TrustedCertificate describe(String alias, X509Certificate c) {
        return new TrustedCertificate(alias, c.getSubjectX500Principal().getName(),
                c.getIssuerX500Principal().getName(), c.getNotBefore().toInstant(), c.getNotAfter().toInstant(),
                sha256(c));
    }

    static String sha256(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
