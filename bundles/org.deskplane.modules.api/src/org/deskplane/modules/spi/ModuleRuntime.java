package org.deskplane.modules.spi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs verified module jars where they reach the rest of the server only through what the runtime grants (API
 * packages and services), and contains what they do wrong: a module that throws or does not resolve fails with
 * {@code ACTIVATION_FAILED}; one that does not finish starting within the timeout fails with
 * {@code ACTIVATION_TIMEOUT} and is left stopped; threads a module leaves running after it stops are reported.
 * All methods throw {@link org.deskplane.modules.api.ModuleException}.
 */
@ProviderType
public interface ModuleRuntime {

    /**
     * Installs the jar into the module region (the runtime copies what it needs; the file may go afterwards). Use
     * locations starting with {@code deskplane-module:}: a bundle with such a location found outside the module region
     * (after a crash, before the region digraph was saved) is uninstalled rather than left unisolated.
     */
    RuntimeModule install(String location, Path jar);

    /** Starts it and waits at most {@code timeout} for its activation. */
    RuntimeModule start(long bundleId, Duration timeout);

    RuntimeModule stop(long bundleId, Duration timeout);

    /** Stops (if needed), uninstalls and refreshes what was wired to it. */
    void uninstall(long bundleId);

    /**
     * Replaces one module by another version: installs {@code newJar}, stops and uninstalls {@code oldBundleId},
     * refreshes the bundles that were wired to the old one (so they wire to the new one) and starts the new one.
     */
    RuntimeModule replace(long oldBundleId, String newLocation, Path newJar, Duration timeout);

    Optional<RuntimeModule> module(long bundleId);

    List<RuntimeModule> modules();

    /** Package names (with version ranges) modules may import from the server. */
    List<String> grantedPackages();

    /** Service interface names modules may see from the server. */
    List<String> grantedServices();
}
