package org.deskplane.modules.api;

import java.nio.file.Path;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Deskplane's module trust store and the signature check against it. Only jars whose every entry is signed by a
 * certificate chaining to a trusted certificate, with every certificate of the chain valid now, pass.
 */
@ProviderType
public interface ModuleTrust {

    /**
     * Verifies a jar: throws {@link ModuleException} with {@link ModuleStatus#UNSIGNED}, {@link ModuleStatus#TAMPERED},
     * {@link ModuleStatus#UNTRUSTED_SIGNER}, {@link ModuleStatus#EXPIRED} or {@link ModuleStatus#INVALID} (not a
     * jar, or no bundle manifest).
     */
    SignerInfo verify(Path jar);

    List<TrustedCertificate> trusted();

    /** Adds (or replaces) a trusted certificate given as PEM or DER; returns it. */
    TrustedCertificate add(String alias, byte[] certificate);

    /** Removes a trusted certificate; false when there was none of that alias. */
    boolean remove(String alias);
}
