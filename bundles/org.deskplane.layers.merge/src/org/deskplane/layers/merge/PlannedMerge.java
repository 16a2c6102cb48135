package org.deskplane.layers.merge;

import org.deskplane.layers.api.FileEntry;

/** One path of a merge plan with its three entries (any may be null = absent) and the decision. */
public record PlannedMerge(String path, FileEntry local, FileEntry lastUploaded, FileEntry server, MergeDecision decision) {

    public MergeAction action() {
        return decision.action();
    }
}
