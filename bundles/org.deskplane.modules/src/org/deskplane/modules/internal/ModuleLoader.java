package org.deskplane.modules.internal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.deskplane.modules.api.ModuleException;
import org.deskplane.modules.api.ModuleState;
import org.deskplane.modules.api.ModuleStatus;
import org.deskplane.modules.internal.store.ModuleStore;
import org.deskplane.modules.internal.store.StoredModule;
import org.deskplane.modules.spi.ModuleRuntime;
import org.deskplane.modules.spi.RuntimeModule;

/**
 * Brings stored modules into the isolated runtime and out again, and keeps each module's recorded state in step:
 * a module that hangs while starting is quarantined, one that fails is recorded as failed and removed from the
 * runtime, so that a failed load leaves nothing running.
 */
final class ModuleLoader {

    private final ModuleStore store;
    private final Supplier<ModuleRuntime> runtime;
    private final Duration activationTimeout;

    ModuleLoader(ModuleStore store, Supplier<ModuleRuntime> runtime, Duration activationTimeout) {
        this.store = store;
        this.runtime = runtime;
        this.activationTimeout = activationTimeout;
    }

    Optional<RuntimeModule> running(StoredModule module) {
        return runtime().modules().stream().filter(r -> !"UNINSTALLED".equals(r.state())
                && r.symbolicName().equals(module.symbolicName())
                && ModuleStore.canonical(r.version()).equals(module.version())).findFirst();
    }

    /** Loads a module; a module already running stays as it is. */
    StoredModule load(StoredModule module) {
        if (module.state() == ModuleState.QUARANTINED) {
            throw new ModuleException(ModuleStatus.CONFLICT, "module " + module.id() + " is quarantined ("
                    + module.message() + "); an administrator must clear it first");
        }
        ModuleRuntime rt = runtime();
        Optional<RuntimeModule> present = running(module);
        if (present.isPresent() && "ACTIVE".equals(present.get().state())) {
            return remember(module, ModuleState.LOADED, "");
        }
        long bundleId = present.isPresent() ? present.get().bundleId()
                : rt.install(module.location(), store.jar(module)).bundleId();
        try {
            start(rt, module, bundleId, () -> rt.start(bundleId, activationTimeout));
        } catch (ModuleException e) {
            if (e.status() != ModuleStatus.NOT_FOUND || present.isEmpty()) {
                throw e;
            }
            // the bundle we saw went away meanwhile (uninstalled by a concurrent unload): install it afresh
            long fresh = rt.install(module.location(), store.jar(module)).bundleId();
            start(rt, module, fresh, () -> rt.start(fresh, activationTimeout));
        }
        return remember(module, ModuleState.LOADED, "");
    }

    StoredModule unload(StoredModule module) {
        Optional<RuntimeModule> present = running(module);
        if (present.isPresent()) {
            runtime().uninstall(present.get().bundleId());
        }
        return remember(module, module.state() == ModuleState.QUARANTINED ? ModuleState.QUARANTINED
                : ModuleState.STORED, module.state() == ModuleState.QUARANTINED ? module.message() : "");
    }

    /**
     * Replaces whatever version of the module runs by {@code newer}: the runtime stops and uninstalls the old one,
     * refreshes what was wired to it and starts the new one. With no version running the new one is just loaded.
     */
    StoredModule replace(StoredModule newer, List<StoredModule> olderVersions) {
        if (newer.state() == ModuleState.QUARANTINED) {
            throw new ModuleException(ModuleStatus.CONFLICT, "module " + newer.id() + " is quarantined");
        }
        ModuleRuntime rt = runtime();
        StoredModule replaced = null;
        RuntimeModule old = null;
        for (StoredModule candidate : olderVersions) {
            Optional<RuntimeModule> present = running(candidate);
            if (present.isPresent()) {
                if (old == null) {
                    old = present.get();
                    replaced = candidate;
                } else {
                    rt.uninstall(present.get().bundleId()); // only one version of a module runs after a replace
                    remember(candidate, ModuleState.STORED, "");
                }
            }
        }
        if (old == null) {
            return load(newer);
        }
        long oldId = old.bundleId();
        start(rt, newer, -1, () -> rt.replace(oldId, newer.location(), store.jar(newer), activationTimeout));
        remember(replaced, ModuleState.STORED, "replaced by " + newer.version());
        return remember(newer, ModuleState.LOADED, "");
    }

    private void start(ModuleRuntime rt, StoredModule module, long bundleId, Runnable starting) {
        try {
            starting.run();
        } catch (ModuleException e) {
            if (e.status() == ModuleStatus.ACTIVATION_TIMEOUT) {
                remember(module, ModuleState.QUARANTINED, e.getMessage());
            } else {
                remember(module, ModuleState.FAILED, e.getMessage());
                removeQuietly(rt, module, bundleId);
            }
            throw e;
        }
    }

    private void removeQuietly(ModuleRuntime rt, StoredModule module, long bundleId) {
        try {
            long id = bundleId >= 0 ? bundleId : running(module).map(RuntimeModule::bundleId).orElse(-1L);
            if (id >= 0) {
                rt.uninstall(id);
            }
        } catch (RuntimeException e) {
            // it failed to start; the runtime reports what it could not clean up
        }
    }

    private StoredModule remember(StoredModule module, ModuleState state, String message) {
        StoredModule current = store.find(module.symbolicName(), module.version()).orElse(module);
        StoredModule changed = current.withState(state, message);
        store.update(changed);
        return changed;
    }

    private ModuleRuntime runtime() {
        ModuleRuntime rt = runtime.get();
        if (rt == null) {
            throw new ModuleException(ModuleStatus.FAILED,
                    "the module runtime (org.deskplane.modules.runtime) is not running on this host");
        }
        return rt;
    }
}
