package org.deskplane.modules.trust.internal;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.deskplane.modules.api.ModuleException;
import org.deskplane.modules.api.ModuleStatus;
import org.deskplane.modules.api.SignerInfo;

/**
 * Decides whether a signer's chain ends at a certificate of the trust store, with PKIX (no revocation: modules come
 * from an offline test or company CA) at a given time. Validity is checked first and on its own so that an expired
 * or not yet valid certificate is reported as {@link ModuleStatus#EXPIRED}, not as a generic path failure.
 */
final class ChainValidation {

    private static final String CODE_SIGNING = "1.3.6.1.5.5.7.3.3";
    private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";

    private ChainValidation() {
    }

    static SignerInfo validate(List<X509Certificate> chain, Map<String, X509Certificate> trusted, Instant now) {
        X509Certificate signer = chain.get(0);
        String who = "Signer '" + CertificateCodec.subject(signer) + "'";
        if (trusted.isEmpty()) {
            throw new ModuleException(ModuleStatus.UNTRUSTED_SIGNER,
                    who + " is not trusted: the module trust store is empty");
        }
        // the jar usually carries the root too; the path to validate stops before the first trusted certificate
        int trustedAt = indexOfTrusted(chain, trusted);
        List<X509Certificate> path = trustedAt < 0 ? chain : chain.subList(0, trustedAt);
        requireValidNow(trustedAt < 0 ? chain : chain.subList(0, trustedAt + 1), now);
        requireCodeSigning(signer, who);

        X509Certificate anchor = path.isEmpty() ? signer : validatePath(path, trusted, now, who);
        requireValidNow(List.of(anchor), now);
        return new SignerInfo(CertificateCodec.subject(signer), CertificateCodec.sha256(signer),
                aliasOf(anchor, trusted), signer.getNotAfter().toInstant());
    }

    private static int indexOfTrusted(List<X509Certificate> chain, Map<String, X509Certificate> trusted) {
        for (int i = 0; i < chain.size(); i++) {
            if (trusted.containsValue(chain.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static void requireValidNow(List<X509Certificate> certificates, Instant now) {
        Date date = Date.from(now);
        for (X509Certificate certificate : certificates) {
            try {
                certificate.checkValidity(date);
            } catch (CertificateExpiredException e) {
                throw new ModuleException(ModuleStatus.EXPIRED, "Certificate '" + CertificateCodec.subject(certificate)
                        + "' expired at " + certificate.getNotAfter().toInstant(), e);
            } catch (CertificateNotYetValidException e) {
                throw new ModuleException(ModuleStatus.EXPIRED, "Certificate '" + CertificateCodec.subject(certificate)
                        + "' is not valid before " + certificate.getNotBefore().toInstant(), e);
            }
        }
    }

    /** A certificate restricted to other purposes (TLS server, e-mail...) may not sign modules. */
    private static void requireCodeSigning(X509Certificate signer, String who) {
        try {
            List<String> usages = signer.getExtendedKeyUsage();
            if (usages != null && !usages.contains(CODE_SIGNING) && !usages.contains(ANY_EXTENDED_KEY_USAGE)) {
                throw new ModuleException(ModuleStatus.UNTRUSTED_SIGNER,
                        who + " is not allowed to sign code (its extended key usage excludes code signing)");
            }
        } catch (CertificateParsingException e) {
            throw new ModuleException(ModuleStatus.UNTRUSTED_SIGNER,
                    who + " has an unreadable extended key usage: " + e.getMessage(), e);
        }
    }

    /** Runs PKIX over {@code path}; returns the trusted certificate it ends at. */
    private static X509Certificate validatePath(List<X509Certificate> path, Map<String, X509Certificate> trusted,
            Instant now, String who) {
        try {
            Set<TrustAnchor> anchors = new HashSet<>();
            for (X509Certificate certificate : trusted.values()) {
                anchors.add(new TrustAnchor(certificate, null));
            }
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(now));
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            var result = (PKIXCertPathValidatorResult) CertPathValidator.getInstance("PKIX").validate(certPath,
                    parameters);
            return result.getTrustAnchor().getTrustedCert();
        } catch (CertPathValidatorException e) {
            if (e.getReason() == BasicReason.EXPIRED || e.getReason() == BasicReason.NOT_YET_VALID) {
                throw new ModuleException(ModuleStatus.EXPIRED, who + ": a certificate of its chain is not valid now: "
                        + e.getMessage(), e);
            }
            X509Certificate last = path.get(path.size() - 1);
            throw new ModuleException(ModuleStatus.UNTRUSTED_SIGNER, who + " does not chain to a trusted certificate"
                    + " (its chain ends at '" + CertificateCodec.subject(last) + "', issued by '"
                    + last.getIssuerX500Principal().getName() + "'): " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new ModuleException(ModuleStatus.UNTRUSTED_SIGNER,
                    who + " could not be checked against the trust store: " + e.getMessage(), e);
        }
    }

    private static String aliasOf(X509Certificate anchor, Map<String, X509Certificate> trusted) {
        // the map is sorted by alias, so a certificate trusted under two aliases reports the first
        return trusted.entrySet().stream().filter(e -> e.getValue().equals(anchor)).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new IllegalStateException("PKIX returned an anchor not in the store"));
    }
}
