package org.deskplane.modules.runtime.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;

import org.deskplane.modules.api.ModuleException;
import org.deskplane.modules.api.ModuleStatus;
import org.deskplane.modules.spi.ModuleRuntime;
import org.deskplane.modules.spi.RuntimeModule;
import org.eclipse.equinox.region.Region;
import org.eclipse.equinox.region.RegionDigraph;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.hooks.weaving.WeavingHook;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@link ModuleRuntime}: connects the module region, registers the guard weaver and hands the verbs to
 * {@link ModuleLifecycle}. A configuration change re-activates it (the region and its modules persist).
 */
@Component(service = ModuleRuntime.class, immediate = true, configurationPid = RuntimeConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = RuntimeConfig.class)
public class RuntimeComponent implements ModuleRuntime {

    @Reference
    private RegionDigraph digraph;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile EventAdmin eventAdmin;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ServiceComponentRuntime scr;

    private BundleContext context;
    private volatile ModulePolicies policies;
    /** What the module host's locations start with ({@code deskplane-module:<name>/<version>}). */
    static final String MODULE_LOCATION_PREFIX = "deskplane-module:";

    private ProblemLog problems;
    private ModuleLifecycle lifecycle;
    private List<String> grantedPackages;
    private List<String> grantedServices;
    private volatile GuardPolicies.State guardState;
    private ServiceRegistration<WeavingHook> weaver;

    @Activate
    void activate(BundleContext context, RuntimeConfig config) throws BundleException, InvalidSyntaxException {
        this.context = context;
        ProblemLog problems = new ProblemLog(() -> eventAdmin);
        configure(config, problems);
        FrameworkWiring wiring = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
        lifecycle = new ModuleLifecycle(this::region, wiring, problems, () -> scr,
                Duration.ofSeconds(Math.max(1, config.lifecycleTimeoutSeconds())));
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("deskplane.region", RegionSetup.MODULE_REGION);
        weaver = context.registerService(WeavingHook.class, new GuardWeaver(this::inRegion), props);
        for (Bundle bundle : context.getBundles()) {
            evictIfOutside(bundle);
        }
    }

    /**
     * A module bundle that is installed but not in the module region lost its membership: the digraph is saved
     * when the framework stops cleanly, so after a crash the framework still has the module while the region does
     * not. Outside the region it would be neither isolated nor guarded, so it is uninstalled (its host installs it
     * into the region again when it is next loaded). Module locations start with {@value #MODULE_LOCATION_PREFIX}.
     */
    private void evictIfOutside(Bundle bundle) {
        if (bundle == null || !bundle.getLocation().startsWith(MODULE_LOCATION_PREFIX) || inRegion(bundle)) {
            return;
        }
        try {
            bundle.uninstall();
            problems.record(bundle, "found outside the module region (after an unclean stop?): uninstalled");
        } catch (BundleException | IllegalStateException e) {
            problems.record(bundle, "found outside the module region and could not be uninstalled: " + e.getMessage());
        }
    }

    /** New grants apply without a deactivation, so modules keep running and no class escapes weaving meanwhile. */
    @Modified
    void modified(RuntimeConfig config) throws BundleException, InvalidSyntaxException {
        configure(config, problems);
    }

    private void configure(RuntimeConfig config, ProblemLog problemLog) throws BundleException, InvalidSyntaxException {
        problems = problemLog;
        List<String> packages = List.of(config.grantedPackages());
        List<String> services = List.of(config.grantedServices());
        RegionSetup.connect(digraph, context.getBundle(), packages, services);
        grantedPackages = packages;
        grantedServices = services;
        policies = new ModulePolicies(ModulePolicies.dataArea(context.getProperty("deskplane.data")),
                config.grantedReadRoots(), config.execAllowed());
        ModulePolicies current = policies;
        guardState = new GuardPolicies.State(this::inRegion, current::policy, problemLog::record);
        GuardPolicies.install(guardState);
    }

    /**
     * Without the runtime, guarded calls are refused and new classes would not be woven: active modules are
     * stopped (transiently, bounded) before the weaver goes.
     */
    @Deactivate
    void deactivate() {
        for (long id : region().getBundleIds()) {
            Bundle bundle = context.getBundle(id);
            if (bundle != null && bundle.getState() == Bundle.ACTIVE) {
                try {
                    lifecycle.stop(bundle, Duration.ofSeconds(5));
                } catch (ModuleException e) {
                    // recorded as its problem; go on with the others
                }
            }
        }
        if (weaver != null) {
            weaver.unregister();
        }
        GuardPolicies.uninstall(guardState);
    }

    @Override
    public RuntimeModule install(String location, Path jar) {
        evictIfOutside(context.getBundle(location));
        Bundle bundle = lifecycle.install(location, jar);
        try {
            Files.createDirectories(policies.dataDir(bundle.getSymbolicName()));
        } catch (IOException e) {
            throw new ModuleException(ModuleStatus.FAILED, "cannot create the data area of "
                    + bundle.getSymbolicName() + ": " + e.getMessage(), e);
        }
        return lifecycle.describe(bundle);
    }

    @Override
    public RuntimeModule start(long bundleId, Duration timeout) {
        Bundle bundle = moduleBundle(bundleId);
        lifecycle.start(bundle, timeout);
        return lifecycle.describe(bundle);
    }

    @Override
    public RuntimeModule stop(long bundleId, Duration timeout) {
        Bundle bundle = moduleBundle(bundleId);
        lifecycle.stop(bundle, timeout);
        return lifecycle.describe(bundle);
    }

    @Override
    public void uninstall(long bundleId) {
        lifecycle.uninstall(moduleBundle(bundleId));
    }

    @Override
    public RuntimeModule replace(long oldBundleId, String newLocation, Path newJar, Duration timeout) {
        Bundle old = moduleBundle(oldBundleId);
        Bundle replacement = lifecycle.replace(old, newLocation, newJar, timeout);
        return lifecycle.describe(replacement);
    }

    @Override
    public Optional<RuntimeModule> module(long bundleId) {
        Bundle bundle = inRegion(bundleId) ? bundleById(bundleId) : null;
        return Optional.ofNullable(bundle).map(lifecycle::describe);
    }

    @Override
    public List<RuntimeModule> modules() {
        List<RuntimeModule> modules = new ArrayList<>();
        for (long id : region().getBundleIds()) {
            Bundle bundle = bundleById(id);
            if (bundle != null) {
                modules.add(lifecycle.describe(bundle));
            }
        }
        return modules;
    }

    @Override
    public List<String> grantedPackages() {
        return grantedPackages;
    }

    @Override
    public List<String> grantedServices() {
        return grantedServices;
    }

    private Bundle moduleBundle(long bundleId) {
        Bundle bundle = inRegion(bundleId) ? bundleById(bundleId) : null;
        if (bundle == null) {
            throw new ModuleException(ModuleStatus.NOT_FOUND, "no module with bundle id " + bundleId);
        }
        return bundle;
    }

    /**
     * The module region as the digraph has it now. Never kept: replacing a connection (at a restart or a
     * configuration change) swaps the digraph's Region objects, and a kept one no longer sees new bundles.
     */
    private Region region() {
        Region current = digraph.getRegion(RegionSetup.MODULE_REGION);
        if (current == null) {
            throw new ModuleException(ModuleStatus.FAILED, "the module region is gone from the region digraph");
        }
        return current;
    }

    /**
     * Membership by the region's own id set: after a framework restart, when the persisted digraph was loaded and its
     * connections replaced, Region.contains(id) answered false for the region's own bundles.
     */
    private boolean inRegion(long bundleId) {
        return region().getBundleIds().contains(bundleId);
    }

    private boolean inRegion(Bundle bundle) {
        return inRegion(bundle.getBundleId());
    }

    private Bundle bundleById(long id) {
        return context.getBundle(id);
    }
}
