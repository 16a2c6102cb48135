package org.deskplane.modules.trust.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.deskplane.modules.api.ModuleException;
import org.deskplane.modules.api.ModuleStatus;
import org.deskplane.modules.api.ModuleTrust;
import org.deskplane.modules.api.SignerInfo;
import org.deskplane.modules.api.TrustedCertificate;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * {@link ModuleTrust} over the trust store in {@code ${deskplane.data}/modules/trust/}: a jar passes when
 * {@link JarSignatureCheck} finds it intact and completely signed and {@link ChainValidation} finds a signer chaining
 * to a trusted certificate, every certificate valid now. Stateless apart from the store, so safe for concurrent use.
 */
// immediate: the initial certificates are added when the server starts, not when the first module arrives
@Component(service = ModuleTrust.class, configurationPid = ModuleTrustComponent.PID, immediate = true)
@Designate(ocd = TrustConfig.class)
public final class ModuleTrustComponent implements ModuleTrust {

    static final String PID = "org.deskplane.modules.trust";
    private static final Logger LOG = System.getLogger(ModuleTrustComponent.class.getName());
    private static final String DATA_PROPERTY = "deskplane.data";

    private final TrustStoreFiles store;
    private final JarSignatureCheck signatureCheck;
    private final Clock clock = Clock.systemUTC();

    @Activate
    public ModuleTrustComponent(BundleContext context, TrustConfig config) throws IOException {
        this.store = new TrustStoreFiles(dataDirectory(context).resolve("modules").resolve("trust"));
        this.signatureCheck = new JarSignatureCheck(JarLimits.of(config));
        addInitialCertificates(config.initialTrustedCertificates());
    }

    @Override
    public SignerInfo verify(Path jar) {
        if (jar == null) {
            throw new ModuleException(ModuleStatus.INVALID, "No jar given");
        }
        try {
            return trustedSigner(signatureCheck.check(jar));
        } catch (ModuleException e) {
            throw e;
        } catch (RuntimeException e) {
            // the JDK's zip, signature and certificate parsers can throw assorted unchecked exceptions on hostile bytes
            throw new ModuleException(ModuleStatus.INVALID,
                    "Jar " + jar.getFileName() + " could not be checked: " + e, e);
        }
    }

    /** The first signer that is trusted wins; when none is, the first signer's reason is reported. */
    private SignerInfo trustedSigner(SignedJar signed) {
        Map<String, X509Certificate> trusted = store.certificates();
        ModuleException firstFailure = null;
        for (List<X509Certificate> chain : signed.signerChains()) {
            try {
                return ChainValidation.validate(chain, trusted, clock.instant());
            } catch (ModuleException e) {
                firstFailure = firstFailure == null ? e : firstFailure;
            }
        }
        if (firstFailure == null) {
            throw new ModuleException(ModuleStatus.UNSIGNED, "Module " + signed.symbolicName() + " has no signer");
        }
        throw new ModuleException(firstFailure.status(),
                "Module " + signed.symbolicName() + ": " + firstFailure.getMessage(), firstFailure);
    }

    @Override
    public List<TrustedCertificate> trusted() {
        return store.certificates().entrySet().stream()
                .map(e -> CertificateCodec.describe(e.getKey(), e.getValue())).toList();
    }

    @Override
    public TrustedCertificate add(String alias, byte[] certificate) {
        TrustAliases.require(alias);
        X509Certificate parsed = CertificateCodec.parse(certificate);
        store.put(alias, parsed);
        LOG.log(Level.INFO, "Module trust store: trusting ''{0}'' as {1}", CertificateCodec.subject(parsed), alias);
        return CertificateCodec.describe(alias, parsed);
    }

    @Override
    public boolean remove(String alias) {
        boolean removed = store.remove(alias);
        if (removed) {
            LOG.log(Level.INFO, "Module trust store: no longer trusting {0}", alias);
        }
        return removed;
    }

    /** Initial certificates are a convenience: one that cannot be read is logged, and the others still added. */
    private void addInitialCertificates(String[] paths) {
        for (String configured : paths == null ? new String[0] : paths) {
            if (configured == null || configured.isBlank()) {
                continue;
            }
            Path file = Path.of(configured.trim());
            String alias = TrustAliases.fromFileName(file.getFileName().toString());
            try {
                if (Files.size(file) > CertificateCodec.MAX_CERTIFICATE_BYTES) {
                    throw new ModuleException(ModuleStatus.TOO_LARGE, "file is too big for a certificate");
                }
                if (store.putIfAbsent(alias, CertificateCodec.parse(Files.readAllBytes(file)))) {
                    LOG.log(Level.INFO, "Module trust store: added initial certificate {0} as {1}", file, alias);
                }
            } catch (IOException | ModuleException e) {
                LOG.log(Level.WARNING, "Module trust store: initial certificate {0} not added: {1}", file,
                        e.getMessage());
            }
        }
    }

    private static Path dataDirectory(BundleContext context) {
        String configured = context.getProperty(DATA_PROPERTY);
        String value = configured == null || configured.isBlank() ? "data" : configured.trim();
        return Path.of(System.getProperty("user.dir")).resolve(value).toAbsolutePath().normalize();
    }
}
