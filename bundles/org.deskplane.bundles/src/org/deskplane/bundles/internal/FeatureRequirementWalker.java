package org.deskplane.bundles.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.deskplane.bundles.api.BundleOperationException;
import org.deskplane.bundles.api.BundleOperationException.Kind;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.equinox.p2.metadata.IInstallableUnit;
import org.eclipse.equinox.p2.metadata.IProvidedCapability;
import org.eclipse.equinox.p2.metadata.IRequirement;
import org.eclipse.equinox.p2.metadata.MetadataFactory;
import org.eclipse.equinox.p2.metadata.MetadataFactory.InstallableUnitDescription;
import org.eclipse.equinox.p2.metadata.Version;
import org.eclipse.equinox.p2.query.IQueryResult;
import org.eclipse.equinox.p2.query.QueryUtil;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepository;
import org.osgi.framework.BundleContext;

/**
 * Turns a feature group IU into the bundle IUs it contributes by walking its requirements with p2 queries:
 * included and required feature groups are followed, bundles are collected, everything else (the feature jar,
 * configuration units) is left alone. Package imports of the bundles are deliberately not followed: the
 * framework resolves them against what is running, as a feature only promises its own bundles.
 */
final class FeatureRequirementWalker {
    private static final String BUNDLE_NAMESPACE = "osgi.bundle";

    private final IMetadataRepository repository;
    private final IInstallableUnit environment;

    FeatureRequirementWalker(IMetadataRepository repository, Map<String, String> environment) {
        this.repository = repository;
        this.environment = contextUnit(environment);
    }

    /** The properties p2 filters test ({@code osgi.os}, {@code osgi.ws}, {@code osgi.arch}) from the framework. */
    static Map<String, String> environment(BundleContext context) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String key : List.of("osgi.os", "osgi.ws", "osgi.arch", "osgi.nl")) {
            String value = context.getProperty(key);
            if (value != null) {
                env.put(key, value);
            }
        }
        return env;
    }

    List<IInstallableUnit> bundlesOf(IInstallableUnit group) {
        Map<String, IInstallableUnit> bundles = new LinkedHashMap<>();
        visit(group, new HashSet<>(), bundles);
        return new ArrayList<>(bundles.values());
    }

    private void visit(IInstallableUnit group, Set<IInstallableUnit> seen, Map<String, IInstallableUnit> bundles) {
        if (!seen.add(group)) {
            return;
        }
        for (IRequirement requirement : group.getRequirements()) {
            if (requirement.getMax() == 0 || !applies(requirement)) {
                continue; // a negative requirement, or one for another platform
            }
            IQueryResult<IInstallableUnit> matches = repository.query(
                    QueryUtil.createLatestQuery(QueryUtil.createMatchQuery(requirement.getMatches())),
                    new NullProgressMonitor());
            if (matches.isEmpty()) {
                if (requirement.getMin() > 0) {
                    throw new BundleOperationException(Kind.NOT_FOUND, "the repository has nothing that satisfies "
                            + requirement + " of " + group.getId() + " " + group.getVersion());
                }
                continue;
            }
            for (IInstallableUnit unit : matches) {
                if (QueryUtil.isGroup(unit)) {
                    visit(unit, seen, bundles);
                } else if (isBundle(unit)) {
                    bundles.putIfAbsent(unit.getId() + "_" + unit.getVersion(), unit);
                }
            }
        }
    }

    private boolean applies(IRequirement requirement) {
        return requirement.getFilter() == null || requirement.getFilter().isMatch(environment);
    }

    static boolean isBundle(IInstallableUnit unit) {
        for (IProvidedCapability capability : unit.getProvidedCapabilities()) {
            if (BUNDLE_NAMESPACE.equals(capability.getNamespace())) {
                return unit.getArtifacts().stream().anyMatch(k -> BUNDLE_NAMESPACE.equals(k.getClassifier()));
            }
        }
        return false;
    }

    /** A unit whose properties are the environment: what p2 filters are evaluated against. */
    private static IInstallableUnit contextUnit(Map<String, String> environment) {
        InstallableUnitDescription description = new InstallableUnitDescription();
        description.setId("deskplane.environment");
        description.setVersion(Version.emptyVersion);
        environment.forEach(description::setProperty);
        return MetadataFactory.createInstallableUnit(description);
    }
}
