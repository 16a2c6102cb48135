package org.deskplane.bundles.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import org.deskplane.bundles.api.BundleInfo;
import org.deskplane.bundles.api.BundleManager;
import org.deskplane.bundles.api.BundleOperationException;
import org.deskplane.bundles.api.BundleOperationException.Kind;
import org.deskplane.bundles.api.BundleVerifier;
import org.deskplane.bundles.api.FeatureInfo;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * {@link BundleManager} over the running framework. Mutating operations run one at a time (they change the
 * same wiring); every jar is copied to {@code ${deskplane.data}/bundles/} and checked by all
 * {@link BundleVerifier}s before the framework sees it.
 */
@Component(service = BundleManager.class, configurationPid = "org.deskplane.bundles")
@Designate(ocd = BundleManagerConfig.class)
public class FrameworkBundleManager implements BundleManager {
    private static final Logger LOG = Logger.getLogger(FrameworkBundleManager.class.getName());
    private static final Pattern FEATURE_ID = Pattern.compile("[A-Za-z0-9_.-]{1,255}");

    @Reference(service = BundleVerifier.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<BundleVerifier> verifiers = List.of();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile FeatureResolver featureResolver;

    private final Object lock = new Object();
    private final BundleContext context;
    private final FrameworkWiring wiring;
    private final Path bundlesDir;
    private final FeatureStore features;
    private volatile JarStaging staging;
    private volatile Duration refreshTimeout;

    @Activate
    public FrameworkBundleManager(BundleContext context, BundleManagerConfig config) {
        this.context = context;
        this.wiring = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
        this.bundlesDir = DataDirectory.resolve(context).resolve("bundles");
        this.features = new FeatureStore(bundlesDir.resolve("features.json"));
        modified(config);
    }

    @Modified
    void modified(BundleManagerConfig config) {
        this.staging = new JarStaging(bundlesDir, Math.max(1, config.maxJarBytes()));
        this.refreshTimeout = Duration.ofSeconds(Math.max(1, config.refreshTimeoutSeconds()));
    }

    // ---------------------------------------------------------------- bundles

    @Override
    public List<BundleInfo> bundles() {
        return Arrays.stream(context.getBundles()).sorted(Comparator.comparingLong(Bundle::getBundleId))
                .map(this::info).toList();
    }

    @Override
    public Optional<BundleInfo> bundle(long id) {
        return Optional.ofNullable(context.getBundle(id)).map(this::info);
    }

    @Override
    public BundleInfo install(InputStream jar, boolean start) {
        synchronized (lock) {
            Path staged = staging.stage(jar);
            try {
                BundleJar candidate = BundleJarInspector.inspect(staged);
                refuseProtectedName(candidate.symbolicName());
                findInstalled(candidate.symbolicName(), candidate.version()).ifPresent(b -> {
                    throw new BundleOperationException(Kind.CONFLICT, candidate.symbolicName() + " "
                            + candidate.version() + " is already installed as bundle " + b.getBundleId());
                });
                VerifierChain.verify(verifiers, candidate);
                Path kept = staging.promote(staged, candidate.fileName());
                Bundle bundle = installFile(kept);
                if (start && !candidate.fragment()) {
                    try {
                        bundle.start(Bundle.START_ACTIVATION_POLICY);
                    } catch (BundleException | RuntimeException e) {
                        // install+start is one operation: do not leave a half-done bundle behind
                        uninstallQuietly(List.of(bundle));
                        throw failure("installed " + candidate.symbolicName() + " but could not start it", e);
                    }
                }
                return info(bundle);
            } finally {
                JarStaging.discard(staged);
            }
        }
    }

    @Override
    public BundleInfo start(long id) {
        synchronized (lock) {
            Bundle bundle = managed(id);
            if (isFragment(bundle)) {
                throw new BundleOperationException(Kind.CONFLICT, bundle.getSymbolicName() + " is a fragment: it cannot be started");
            }
            try {
                bundle.start(Bundle.START_ACTIVATION_POLICY);
            } catch (BundleException | RuntimeException e) {
                throw failure("cannot start " + bundle.getSymbolicName(), e);
            }
            return info(bundle);
        }
    }

    @Override
    public BundleInfo stop(long id) {
        synchronized (lock) {
            Bundle bundle = managed(id);
            if (isFragment(bundle)) {
                throw new BundleOperationException(Kind.CONFLICT, bundle.getSymbolicName() + " is a fragment: it cannot be stopped");
            }
            try {
                bundle.stop();
            } catch (BundleException | RuntimeException e) {
                throw failure("cannot stop " + bundle.getSymbolicName(), e);
            }
            return info(bundle);
        }
    }

    @Override
    public BundleInfo update(long id, InputStream jar) {
        synchronized (lock) {
            Bundle bundle = managed(id);
            if (jar == null) {
                try {
                    bundle.update();
                } catch (BundleException | RuntimeException e) {
                    throw failure("cannot update " + bundle.getSymbolicName() + " from " + bundle.getLocation(), e);
                }
            } else {
                updateFromJar(bundle, jar);
            }
            BundleRefresher.refreshAndWait(wiring, List.of(bundle), refreshTimeout);
            return info(bundle);
        }
    }

    private void updateFromJar(Bundle bundle, InputStream jar) {
        Path staged = staging.stage(jar);
        try {
            BundleJar candidate = BundleJarInspector.inspect(staged);
            if (!candidate.symbolicName().equals(bundle.getSymbolicName())) {
                throw new BundleOperationException(Kind.INVALID, "the jar is " + candidate.symbolicName()
                        + ", not " + bundle.getSymbolicName() + ": install it instead of updating");
            }
            VerifierChain.verify(verifiers, candidate);
            try (InputStream in = Files.newInputStream(staged)) {
                bundle.update(in);
            } catch (BundleException | IOException | RuntimeException e) {
                throw failure("cannot update " + bundle.getSymbolicName(), e);
            }
            // keep the location's file current so that "update from original location" and our records
            // show the jar that is now running
            locationFile(bundle).filter(staging::owns).ifPresent(file -> staging.promote(staged, file.getFileName().toString()));
        } finally {
            JarStaging.discard(staged);
        }
    }

    @Override
    public void uninstall(long id) {
        synchronized (lock) {
            Bundle bundle = managed(id);
            Optional<Path> file = locationFile(bundle);
            try {
                bundle.uninstall();
            } catch (BundleException | RuntimeException e) {
                throw failure("cannot uninstall " + bundle.getSymbolicName(), e);
            }
            BundleRefresher.refreshAndWait(wiring, List.of(bundle), refreshTimeout);
            file.filter(staging::owns).ifPresent(JarStaging::discard);
        }
    }

    // ---------------------------------------------------------------- features

    @Override
    public List<FeatureInfo> features() {
        List<FeatureInfo> result = new ArrayList<>(productFeatures());
        features.all().stream().map(InstalledFeature::toInfo).forEach(result::add);
        return result;
    }

    @Override
    public FeatureInfo installFeature(URI repository, String featureId, String version) {
        if (repository == null || !repository.isAbsolute()) {
            throw new BundleOperationException(Kind.INVALID, "the repository must be an absolute URI, e.g. file:/path/to/repository");
        }
        String id = validFeatureId(featureId);
        FeatureResolver resolver = featureResolver;
        if (resolver == null) {
            throw new BundleOperationException(Kind.FAILED,
                    "p2 is not available: installing features needs the Equinox p2 bundles (see org.deskplane.bundles README)");
        }
        synchronized (lock) {
            if (features.find(id).isPresent()) {
                throw new BundleOperationException(Kind.CONFLICT, "feature " + id + " is already installed: uninstall it first");
            }
            if (productFeatures().stream().anyMatch(f -> f.id().equals(id))) {
                throw new BundleOperationException(Kind.CONFLICT, "feature " + id + " came with the product");
            }
            Path stagingDir = createStagingDir();
            try {
                ResolvedFeature resolved = resolver.resolve(repository, id, version, stagingDir, staging.maxBytes());
                FeatureInstallation installation = new FeatureInstallation(this, resolved, repository);
                InstalledFeature installed = installation.run();
                try {
                    features.add(installed);
                } catch (RuntimeException e) {
                    installation.rollback(); // unrecorded bundles could never be uninstalled as a feature
                    throw e;
                }
                return installed.toInfo();
            } finally {
                deleteTree(stagingDir);
            }
        }
    }

    @Override
    public void uninstallFeature(String featureId) {
        String id = validFeatureId(featureId);
        synchronized (lock) {
            Optional<InstalledFeature> found = features.find(id);
            if (found.isEmpty()) {
                if (productFeatures().stream().anyMatch(f -> f.id().equals(id))) {
                    throw new BundleOperationException(Kind.CONFLICT, "feature " + id + " came with the product and cannot be uninstalled");
                }
                throw new BundleOperationException(Kind.NOT_FOUND, "no installed feature " + id);
            }
            InstalledFeature feature = found.get();
            List<InstalledFeature> others = new ArrayList<>(features.all());
            others.removeIf(f -> f.id().equals(id));
            List<Bundle> removable = new ArrayList<>();
            for (FeatureBundle bundle : feature.bundles()) {
                if (!bundle.owned()) {
                    continue; // it was there before the feature: not ours to remove
                }
                Optional<InstalledFeature> heir = others.stream().filter(f -> f.lists(bundle)).findFirst();
                if (heir.isPresent()) {
                    // still needed: the other feature now answers for it
                    others.set(others.indexOf(heir.get()), heir.get().takingOver(bundle));
                } else {
                    findInstalled(bundle.symbolicName(), bundle.version()).ifPresent(removable::add);
                }
            }
            uninstallAll(removable);
            features.replace(others);
        }
    }

    // ---------------------------------------------------------------- helpers used by FeatureInstallation

    List<BundleVerifier> verifiers() {
        return verifiers;
    }

    JarStaging staging() {
        return staging;
    }

    Optional<Bundle> findInstalled(String symbolicName, String version) {
        Version wanted = Version.parseVersion(version);
        return Arrays.stream(context.getBundles())
                .filter(b -> symbolicName.equals(b.getSymbolicName()) && wanted.equals(b.getVersion())).findFirst();
    }

    Bundle installFile(Path file) {
        try {
            return context.installBundle(file.toUri().toString());
        } catch (BundleException | RuntimeException e) {
            JarStaging.discard(file);
            throw failure("cannot install " + file.getFileName(), e);
        }
    }

    /** Stops, uninstalls and refreshes; deletes our copies. Used for rollback too, so it never throws. */
    void uninstallQuietly(List<Bundle> bundles) {
        try {
            uninstallAll(bundles);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cleanup after a failed operation was incomplete", e);
        }
    }

    private void uninstallAll(List<Bundle> bundles) {
        if (bundles.isEmpty()) {
            return;
        }
        List<Path> files = new ArrayList<>();
        for (Bundle bundle : bundles) {
            if (bundle.getState() == Bundle.UNINSTALLED) {
                continue;
            }
            locationFile(bundle).filter(staging::owns).ifPresent(files::add);
            try {
                bundle.stop();
            } catch (BundleException | RuntimeException e) {
                LOG.log(Level.WARNING, "stopping " + bundle.getSymbolicName() + " before uninstall failed", e);
            }
            try {
                bundle.uninstall();
            } catch (BundleException | RuntimeException e) {
                throw failure("cannot uninstall " + bundle.getSymbolicName(), e);
            }
        }
        BundleRefresher.refreshAndWait(wiring, bundles, refreshTimeout);
        files.forEach(JarStaging::discard);
    }

    static BundleOperationException failure(String what, Exception e) {
        if (e instanceof BundleOperationException known) {
            return known;
        }
        Kind kind = Kind.FAILED;
        if (e instanceof BundleException be) {
            kind = switch (be.getType()) {
            case BundleException.DUPLICATE_BUNDLE_ERROR, BundleException.INVALID_OPERATION,
                    BundleException.STATECHANGE_ERROR -> Kind.CONFLICT;
            case BundleException.MANIFEST_ERROR, BundleException.UNSUPPORTED_OPERATION -> Kind.INVALID;
            default -> Kind.FAILED;
            };
        } else if (e instanceof IllegalStateException) {
            kind = Kind.CONFLICT;
        }
        return new BundleOperationException(kind, what + ": " + e.getMessage(), e);
    }

    BundleInfo info(Bundle bundle) {
        String version = bundle.getVersion().toString();
        String feature = features.all().stream()
                .filter(f -> f.bundles().stream().anyMatch(b -> b.owned()
                        && b.symbolicName().equals(bundle.getSymbolicName()) && b.version().equals(version)))
                .map(InstalledFeature::id).findFirst().orElse("");
        return new BundleInfo(bundle.getBundleId(), String.valueOf(bundle.getSymbolicName()), version,
                BundleStates.name(bundle.getState()), bundle.getLocation(), isFragment(bundle),
                bundle.getLastModified(), feature);
    }

    private static boolean isFragment(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        return revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
    }

    /** The bundle, if it exists and is not one this manager must leave alone. */
    private Bundle managed(long id) {
        Bundle bundle = context.getBundle(id);
        if (bundle == null) {
            throw new BundleOperationException(Kind.NOT_FOUND, "no bundle with id " + id);
        }
        if (id == Constants.SYSTEM_BUNDLE_ID) {
            throw new BundleOperationException(Kind.CONFLICT, "the system bundle cannot be changed at runtime");
        }
        if (id == context.getBundle().getBundleId()) {
            throw new BundleOperationException(Kind.CONFLICT,
                    "the bundle manager cannot change its own bundle (" + bundle.getSymbolicName() + ")");
        }
        return bundle;
    }

    private void refuseProtectedName(String symbolicName) {
        if (Constants.SYSTEM_BUNDLE_SYMBOLICNAME.equals(symbolicName)
                || symbolicName.equals(context.getBundle(Constants.SYSTEM_BUNDLE_ID).getSymbolicName())
                || symbolicName.equals(context.getBundle().getSymbolicName())) {
            throw new BundleOperationException(Kind.CONFLICT, symbolicName + " cannot be installed at runtime");
        }
    }

    private static Optional<Path> locationFile(Bundle bundle) {
        String location = bundle.getLocation();
        if (location == null || !location.startsWith("file:")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(URI.create(location)).toAbsolutePath().normalize());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private List<FeatureInfo> productFeatures() {
        return ProductFeatureReader.read(context.getProperty("osgi.install.area"));
    }

    private static String validFeatureId(String featureId) {
        if (featureId == null || !FEATURE_ID.matcher(featureId).matches()) {
            throw new BundleOperationException(Kind.INVALID, "invalid feature id: " + featureId);
        }
        return featureId;
    }

    private Path createStagingDir() {
        try {
            Files.createDirectories(bundlesDir);
            return Files.createTempDirectory(bundlesDir, ".feature-");
        } catch (IOException e) {
            throw new BundleOperationException(Kind.FAILED, "cannot create a staging folder in " + bundlesDir, e);
        }
    }

    private static void deleteTree(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(JarStaging::discard);
        } catch (IOException e) {
            LOG.log(Level.FINE, "cannot clean " + dir, e);
        }
    }
}
