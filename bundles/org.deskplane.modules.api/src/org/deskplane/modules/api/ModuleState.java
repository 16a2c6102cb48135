package org.deskplane.modules.api;

/** Where a module stands on this host. */
public enum ModuleState {
    /** Verified and kept in the module store; not running. */
    STORED,
    /** Installed in the module region and started. */
    LOADED,
    /** Loading failed (it threw, or could not resolve); see the message. */
    FAILED,
    /** Stopped by the host because it misbehaved (hung in activation, leaked threads); not loaded again until an
     *  administrator clears it or a new version replaces it. */
    QUARANTINED
}
