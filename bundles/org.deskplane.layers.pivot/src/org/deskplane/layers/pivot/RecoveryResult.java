package org.deskplane.layers.pivot;

/** What {@link Pivot#recover} found and did. */
public enum RecoveryResult {
    /** No interrupted pivot. */
    NOTHING_TO_DO,
    /** An interrupted pivot had not committed: the old tree is back and the staging area is intact for a retry. */
    ROLLED_BACK,
    /** An interrupted pivot had committed: its clean-up was finished, the new tree stays. */
    ROLLED_FORWARD
}
