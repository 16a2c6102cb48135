package org.deskplane.layers.api;

/**
 * The layers of a desktop image (CVD). Each layer is synchronized by its own rule ({@link #syncMode()}); only the
 * active master endpoint may upload the system layers ({@link #isSystem()}).
 */
public enum Layer {
    /** Operating system and infrastructure software. */
    BASE_OS(SyncMode.STAGED_PIVOT, true),
    /** Hardware-dependent software: a driver set per hardware type, chosen by rules, installed at clone only. */
    DRIVERS(SyncMode.CLONE_ONLY, true),
    /** IT-supplied and user-installed applications. */
    APPLICATIONS(SyncMode.STAGED_PIVOT, true),
    /** User settings and profile: applied at the next log-on. */
    PROFILE(SyncMode.LAZY_AT_LOGON, false),
    /** User files: merged live, three ways. */
    USER_FILES(SyncMode.LIVE_MERGE, false),
    /** Machine name, machine-id, host keys: kept per endpoint, never copied to another one. */
    MACHINE_IDENTITY(SyncMode.NEVER, true);

    private final SyncMode syncMode;
    private final boolean system;

    Layer(SyncMode syncMode, boolean system) {
        this.syncMode = syncMode;
        this.system = system;
    }

    public SyncMode syncMode() {
        return syncMode;
    }

    /** Whether only the active master may upload this layer (the server fences everyone else). */
    public boolean isSystem() {
        return system;
    }
}
