package org.deskplane.modules.runtime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.deskplane.modules.api.ModuleException;
import org.deskplane.modules.api.ModuleStatus;
import org.deskplane.modules.spi.RuntimeModule;
import org.eclipse.equinox.region.Region;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

/**
 * The lifecycle verbs on module bundles: every call into module code (start, stop) runs under the watchdog, a
 * module that does not finish starting in time is quarantined, and what went wrong is recorded as problems.
 */
final class ModuleLifecycle {

    /** Looked up at each use: the digraph swaps its Region objects when a connection is replaced. */
    private final java.util.function.Supplier<Region> region;
    private final FrameworkWiring wiring;
    private final ProblemLog problems;
    private final Supplier<ServiceComponentRuntime> scr;
    private final Duration lifecycleTimeout;
    private final ActivationWatchdog watchdog = new ActivationWatchdog();
    private final ThreadLeakDetector leaks = new ThreadLeakDetector();
    /** Modules whose activation timed out, with the thread still inside their start. */
    private final Map<Long, Thread> quarantined = new ConcurrentHashMap<>();

    ModuleLifecycle(java.util.function.Supplier<Region> region, FrameworkWiring wiring, ProblemLog problems,
            Supplier<ServiceComponentRuntime> scr, Duration lifecycleTimeout) {
        this.region = region;
        this.wiring = wiring;
        this.problems = problems;
        this.scr = scr;
        this.lifecycleTimeout = lifecycleTimeout;
    }

    Bundle install(String location, Path jar) {
        try (InputStream in = Files.newInputStream(jar)) {
            return region.get().installBundle(location, in);
        } catch (IOException e) {
            throw new ModuleException(ModuleStatus.INVALID, "cannot read " + jar + ": " + e.getMessage(), e);
        } catch (BundleException e) {
            ModuleStatus status = e.getType() == BundleException.DUPLICATE_BUNDLE_ERROR
                    || e.getType() == BundleException.REJECTED_BY_HOOK ? ModuleStatus.CONFLICT : ModuleStatus.INVALID;
            throw new ModuleException(status, "cannot install " + location + ": " + e.getMessage(), e);
        }
    }

    void start(Bundle bundle, Duration timeout) {
        Thread stuck = quarantined.get(bundle.getBundleId());
        if (stuck != null && stuck.isAlive()) {
            throw new ModuleException(ModuleStatus.CONFLICT, name(bundle) + " is quarantined: its last activation "
                    + "never finished");
        }
        quarantined.remove(bundle.getBundleId());
        var outcome = watchdog.run("deskplane-module-start-" + bundle.getSymbolicName(), () -> {
            // transient: after a server restart the framework must not start modules before the guards are in
            // place; the host starts them again through this runtime
            bundle.start(Bundle.START_TRANSIENT);
            return null;
        }, timeout);
        if (outcome.timedOut()) {
            String problem = "activation did not finish within " + timeout.toMillis() + " ms";
            problems.record(bundle, problem);
            quarantine(bundle, outcome.thread());
            throw new ModuleException(ModuleStatus.ACTIVATION_TIMEOUT, name(bundle) + ": " + problem);
        }
        if (outcome.failure() != null) {
            String problem = "activation failed: " + describe(outcome.failure());
            problems.record(bundle, problem);
            throw new ModuleException(ModuleStatus.ACTIVATION_FAILED, name(bundle) + ": " + problem,
                    outcome.failure());
        }
        var health = ComponentHealth.check(scr.get(), bundle);
        health.problems().forEach(p -> problems.record(bundle, p));
        if (health.failed()) {
            stopQuietly(bundle);
            throw new ModuleException(ModuleStatus.ACTIVATION_FAILED,
                    name(bundle) + ": " + String.join("; ", health.problems()));
        }
    }

    void stop(Bundle bundle, Duration timeout) {
        Set<String> classes = leaks.classNames(bundle);
        var outcome = watchdog.run("deskplane-module-stop-" + bundle.getSymbolicName(), () -> {
            bundle.stop(Bundle.STOP_TRANSIENT);
            return null;
        }, timeout);
        if (outcome.timedOut()) {
            problems.record(bundle, "stop did not finish within " + timeout.toMillis() + " ms");
            throw new ModuleException(ModuleStatus.FAILED, name(bundle) + " did not stop in time");
        }
        if (outcome.failure() != null) {
            problems.record(bundle, "stop failed: " + describe(outcome.failure()));
        }
        reportLeaks(bundle, classes, Set.of(outcome.thread()));
    }

    void uninstall(Bundle bundle) {
        if (bundle.getState() == Bundle.ACTIVE || bundle.getState() == Bundle.STARTING) {
            stop(bundle, lifecycleTimeout);
        }
        try {
            bundle.uninstall();
        } catch (BundleException e) {
            throw new ModuleException(ModuleStatus.FAILED, "cannot uninstall " + name(bundle) + ": " + e.getMessage(),
                    e);
        }
        refresh(List.of(bundle));
    }

    Bundle replace(Bundle old, String newLocation, Path newJar, Duration timeout) {
        Bundle replacement = install(newLocation, newJar);
        List<Bundle> dependants = new ArrayList<>(wiring.getDependencyClosure(List.of(old)));
        dependants.remove(old);
        dependants.remove(replacement);
        List<Bundle> wereActive = new ArrayList<>();
        for (Bundle dependant : dependants) {
            if (dependant.getState() == Bundle.ACTIVE) {
                wereActive.add(dependant);
                stop(dependant, lifecycleTimeout); // stopped by us, under the watchdog, not by the refresh thread
            }
        }
        uninstall(old); // its refresh covers the dependants: they re-resolve against the replacement
        start(replacement, timeout);
        for (Bundle dependant : wereActive) {
            try {
                start(dependant, timeout);
            } catch (ModuleException e) {
                // recorded as its problem; the replacement itself succeeded
            }
        }
        return replacement;
    }

    RuntimeModule describe(Bundle bundle) {
        return new RuntimeModule(bundle.getBundleId(), bundle.getSymbolicName(), bundle.getVersion().toString(),
                state(bundle.getState()), problems.problems(bundle.getBundleId()));
    }

    private void refresh(java.util.Collection<Bundle> bundles) {
        try {
            if (!PackageRefresher.refresh(wiring, bundles, lifecycleTimeout)) {
                bundles.forEach(b -> problems.record(b, "package refresh did not finish within "
                        + lifecycleTimeout.toSeconds() + " s"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModuleException(ModuleStatus.FAILED, "interrupted while refreshing packages", e);
        }
    }

    private void reportLeaks(Bundle bundle, Set<String> classes, Set<Thread> exempt) {
        try {
            for (String thread : leaks.interruptLeaked(classes, exempt)) {
                problems.record(bundle, "leaked thread " + thread);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The framework holds the bundle's state-change lock while the hung activation runs, so stop would block: a
     * separate thread interrupts the activation, waits for it to end and then stops the module.
     */
    private void quarantine(Bundle bundle, Thread activation) {
        quarantined.put(bundle.getBundleId(), activation);
        Thread keeper = new Thread(() -> {
            activation.interrupt();
            try {
                activation.join();
                stopQuietly(bundle);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "deskplane-module-quarantine-" + bundle.getSymbolicName());
        keeper.setDaemon(true);
        keeper.start();
    }

    private void stopQuietly(Bundle bundle) {
        try {
            if (bundle.getState() != Bundle.UNINSTALLED) {
                bundle.stop(Bundle.STOP_TRANSIENT);
            }
        } catch (BundleException | IllegalStateException e) {
            problems.record(bundle, "could not be stopped: " + e.getMessage());
        }
    }

    /** The message a person needs: a resolution error names the missing package, an activator error its cause. */
    static String describe(Throwable failure) {
        Throwable cause = failure;
        if (failure instanceof BundleException be && be.getType() == BundleException.ACTIVATOR_ERROR
                && be.getCause() != null) {
            cause = be.getCause();
        }
        String message = cause.getMessage() == null ? "" : cause.getMessage().strip();
        return cause instanceof BundleException ? message : cause.getClass().getName() + ": " + message;
    }

    private static String name(Bundle bundle) {
        return bundle.getSymbolicName() + " " + bundle.getVersion();
    }

    static String state(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNINSTALLED";
        };
    }
}
