package org.deskplane.layers.pivot;

/**
 * What {@link Pivot#apply} did.
 *
 * @param outcome applied or why it was skipped
 * @param version the staged version
 * @param filesPlaced staged files and links moved into place
 * @param pathsDeleted paths removed from the tree (a directory counts once)
 */
public record PivotResult(Outcome outcome, String version, int filesPlaced, int pathsDeleted) {

    public enum Outcome {
        APPLIED,
        /** The staged version is the one already applied: nothing changed. */
        SKIPPED_SAME_VERSION
    }

    public boolean applied() {
        return outcome == Outcome.APPLIED;
    }
}
