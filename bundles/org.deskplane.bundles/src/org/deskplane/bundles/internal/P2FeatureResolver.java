package org.deskplane.bundles.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.deskplane.bundles.api.BundleOperationException;
import org.deskplane.bundles.api.BundleOperationException.Kind;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.equinox.p2.core.IProvisioningAgent;
import org.eclipse.equinox.p2.core.IProvisioningAgentProvider;
import org.eclipse.equinox.p2.core.ProvisionException;
import org.eclipse.equinox.p2.metadata.IArtifactKey;
import org.eclipse.equinox.p2.metadata.IInstallableUnit;
import org.eclipse.equinox.p2.metadata.Version;
import org.eclipse.equinox.p2.query.IQuery;
import org.eclipse.equinox.p2.query.IQueryResult;
import org.eclipse.equinox.p2.query.QueryUtil;
import org.eclipse.equinox.p2.repository.artifact.IArtifactDescriptor;
import org.eclipse.equinox.p2.repository.artifact.IArtifactRepository;
import org.eclipse.equinox.p2.repository.artifact.IArtifactRepositoryManager;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepository;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepositoryManager;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Resolves features with Equinox p2: loads the repository with p2's repository managers, finds the feature
 * group IU, walks its requirements to bundle IUs ({@link FeatureRequirementWalker}) and fetches their
 * artifacts through the artifact repository. The agent keeps its state in {@code ${deskplane.data}/p2}.
 */
@Component(service = FeatureResolver.class)
public class P2FeatureResolver implements FeatureResolver {
    private static final String GROUP_SUFFIX = ".feature.group";
    private static final String TRANSPORT_SERVICE = "org.eclipse.equinox.internal.p2.repository.Transport";

    private final IProvisioningAgentProvider agentProvider;
    private final URI agentLocation;
    private final Map<String, String> environment;
    private IProvisioningAgent agent;

    @Activate
    public P2FeatureResolver(@Reference IProvisioningAgentProvider agentProvider, BundleContext context) {
        this.agentProvider = agentProvider;
        this.agentLocation = DataDirectory.resolve(context).resolve("p2").toUri();
        this.environment = FeatureRequirementWalker.environment(context);
    }

    @Deactivate
    synchronized void deactivate() {
        if (agent != null) {
            agent.stop();
            agent = null;
        }
    }

    @Override
    public synchronized ResolvedFeature resolve(URI repository, String featureId, String version, Path stagingDir,
            long maxJarBytes) {
        IProvisioningAgent p2 = agent();
        IMetadataRepositoryManager metadataManager = p2.getService(IMetadataRepositoryManager.class);
        IArtifactRepositoryManager artifactManager = p2.getService(IArtifactRepositoryManager.class);
        if (metadataManager == null || artifactManager == null) {
            throw new BundleOperationException(Kind.FAILED, "p2 repository managers are not available: are "
                    + "org.eclipse.equinox.p2.metadata.repository and org.eclipse.equinox.p2.artifact.repository "
                    + "installed and is Declarative Services running?");
        }
        requireTransportFor(p2, repository);
        NullProgressMonitor monitor = new NullProgressMonitor();
        boolean knownMetadata = metadataManager.contains(repository);
        boolean knownArtifacts = artifactManager.contains(repository);
        try {
            IMetadataRepository metadata = metadataManager.loadRepository(repository, monitor);
            IInstallableUnit group = findGroup(metadata, featureId, version);
            List<IInstallableUnit> bundles = new FeatureRequirementWalker(metadata, environment).bundlesOf(group);
            IArtifactRepository artifacts = artifactManager.loadRepository(repository, monitor);
            List<BundleJar> jars = new ArrayList<>();
            for (IInstallableUnit unit : bundles) {
                jars.add(download(artifacts, unit, stagingDir, maxJarBytes, monitor));
            }
            String label = group.getProperty(IInstallableUnit.PROP_NAME, Locale.getDefault().toString());
            return new ResolvedFeature(featureId, group.getVersion().toString(),
                    label == null || label.isBlank() ? featureId : label, jars);
        } catch (ProvisionException e) {
            throw fromProvision(repository, e);
        } finally {
            // the agent is a tool here, not a list of favourite sites: forget repositories we did not know
            if (!knownMetadata) {
                metadataManager.removeRepository(repository);
            }
            if (!knownArtifacts) {
                artifactManager.removeRepository(repository);
            }
        }
    }

    /**
     * p2 reads local (file:) repositories itself; anything else needs a transport service (e.g.
     * org.eclipse.equinox.p2.transport.ecf), which the server does not ship by default.
     */
    @SuppressWarnings("deprecation") // the transport has no public type to ask for
    private static void requireTransportFor(IProvisioningAgent p2, URI repository) {
        String scheme = repository.getScheme();
        boolean local = "file".equalsIgnoreCase(scheme)
                || ("jar".equalsIgnoreCase(scheme) && repository.getSchemeSpecificPart().startsWith("file:"));
        if (!local && p2.getService(TRANSPORT_SERVICE) == null) {
            throw new BundleOperationException(Kind.INVALID, "this server reads p2 repositories from file: URIs only ("
                    + "no p2 transport is installed); copy the repository to the server and use its file: URI");
        }
    }

    private static IInstallableUnit findGroup(IMetadataRepository metadata, String featureId, String version) {
        IQuery<IInstallableUnit> query;
        String groupId = featureId + GROUP_SUFFIX;
        if (version == null || version.isBlank()) {
            query = QueryUtil.createLatestQuery(QueryUtil.createIUQuery(groupId));
        } else {
            Version exact;
            try {
                exact = Version.create(version);
            } catch (IllegalArgumentException e) {
                throw new BundleOperationException(Kind.INVALID, "invalid feature version: " + version, e);
            }
            query = QueryUtil.createIUQuery(groupId, exact);
        }
        IQueryResult<IInstallableUnit> found = metadata.query(query, new NullProgressMonitor());
        if (found.isEmpty()) {
            throw new BundleOperationException(Kind.NOT_FOUND, "feature " + featureId
                    + (version == null || version.isBlank() ? "" : " " + version) + " is not in " + metadata.getLocation());
        }
        return found.iterator().next();
    }

    private static BundleJar download(IArtifactRepository artifacts, IInstallableUnit unit, Path stagingDir,
            long maxJarBytes, NullProgressMonitor monitor) {
        IArtifactKey key = unit.getArtifacts().stream().filter(k -> "osgi.bundle".equals(k.getClassifier()))
                .findFirst().orElseThrow(() -> new BundleOperationException(Kind.INVALID,
                        unit.getId() + " " + unit.getVersion() + " has no bundle artifact"));
        IArtifactDescriptor[] descriptors = artifacts.getArtifactDescriptors(key);
        if (descriptors.length == 0) {
            throw new BundleOperationException(Kind.NOT_FOUND,
                    "the repository has no artifact for " + key.getId() + " " + key.getVersion());
        }
        IArtifactDescriptor descriptor = descriptors[0];
        for (IArtifactDescriptor candidate : descriptors) {
            // prefer the canonical jar: no processing steps to run
            if (candidate.getProcessingSteps().length == 0) {
                descriptor = candidate;
                break;
            }
        }
        Path target = stagingDir.resolve(key.getId() + "_" + key.getVersion() + ".jar");
        IStatus status;
        try (OutputStream out = new BoundedOutputStream(Files.newOutputStream(target), maxJarBytes)) {
            status = artifacts.getArtifact(descriptor, out, monitor);
        } catch (IOException e) {
            throw new BundleOperationException(Kind.FAILED, "cannot store " + key.getId() + ": " + e.getMessage(), e);
        }
        if (status.getSeverity() == IStatus.ERROR || status.getSeverity() == IStatus.CANCEL) {
            throw new BundleOperationException(Kind.FAILED,
                    "cannot fetch " + key.getId() + " " + key.getVersion() + ": " + describe(status));
        }
        BundleJar jar = BundleJarInspector.inspect(target);
        if (!jar.symbolicName().equals(unit.getId())) {
            throw new BundleOperationException(Kind.INVALID, "the artifact of " + unit.getId()
                    + " is the bundle " + jar.symbolicName() + ": the repository is inconsistent");
        }
        return jar;
    }

    private synchronized IProvisioningAgent agent() {
        if (agent == null) {
            try {
                Files.createDirectories(Path.of(agentLocation));
                agent = agentProvider.createAgent(agentLocation);
            } catch (ProvisionException | IOException e) {
                throw new BundleOperationException(Kind.FAILED,
                        "cannot start the p2 agent at " + agentLocation + ": " + e.getMessage(), e);
            }
        }
        return agent;
    }

    private static BundleOperationException fromProvision(URI repository, ProvisionException e) {
        int code = e.getStatus().getCode();
        if (code == ProvisionException.REPOSITORY_NOT_FOUND) {
            return new BundleOperationException(Kind.NOT_FOUND, "no p2 repository at " + repository, e);
        }
        if (code == ProvisionException.REPOSITORY_INVALID_LOCATION
                || code == ProvisionException.REPOSITORY_FAILED_READ
                || code == ProvisionException.REPOSITORY_UNKNOWN_TYPE) {
            return new BundleOperationException(Kind.INVALID,
                    "cannot read the p2 repository at " + repository + ": " + describe(e.getStatus()), e);
        }
        return new BundleOperationException(Kind.FAILED,
                "p2 failed on " + repository + ": " + describe(e.getStatus()), e);
    }

    private static String describe(IStatus status) {
        StringBuilder text = new StringBuilder(String.valueOf(status.getMessage()));
        for (IStatus child : status.getChildren()) {
            text.append("; ").append(child.getMessage());
        }
        return text.toString();
    }
}
