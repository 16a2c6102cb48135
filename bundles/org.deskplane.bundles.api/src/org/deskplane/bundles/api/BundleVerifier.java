package org.deskplane.bundles.api;

import java.nio.file.Path;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Hook run on every jar before it is installed or used to update a bundle. Register any number of these as
 * services (e.g. a signature checker); each one may refuse. With none registered every jar is accepted.
 */
@ConsumerType
public interface BundleVerifier {

    /**
     * @param jar a local copy of the jar, readable for the duration of the call
     * @throws BundleOperationException of kind {@code VERIFICATION_FAILED} to refuse
     */
    void verify(String symbolicName, String version, Path jar);
}
