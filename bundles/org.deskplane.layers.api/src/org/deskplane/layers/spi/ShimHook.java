package org.deskplane.layers.spi;

/** When an endpoint runs its layer shims. */
public enum ShimHook {
    /** The sync client starts (e.g. regenerate the identity of a freshly cloned endpoint). */
    STARTUP,
    /** Before a scan for upload: say what never goes up (caches, temporary files). */
    PRE_UPLOAD,
    /** The staged tree is complete, before the pivot: merge OS databases of the local tree into it. */
    PRE_PIVOT,
    /** The new tree is in place. */
    POST_PIVOT
}
