package org.deskplane.layers.api;

/** How changes of a layer reach an endpoint that did not make them. */
public enum SyncMode {
    /** Merged into the running tree as soon as they arrive (three-way merge, conflict copies). */
    LIVE_MERGE,
    /** Downloaded at once, applied at the user's next log-on. */
    LAZY_AT_LOGON,
    /** Downloaded into a protected staging area, applied by an atomic pivot at the next restart. */
    STAGED_PIVOT,
    /** Written once when the endpoint is cloned, never synchronized afterwards. */
    CLONE_ONLY,
    /** Never leaves the endpoint. */
    NEVER
}
