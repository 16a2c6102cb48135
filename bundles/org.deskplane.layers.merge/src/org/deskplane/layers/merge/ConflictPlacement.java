package org.deskplane.layers.merge;

import java.util.List;

/**
 * Where a new conflict copy goes and which older copies of the same file it evicts to keep the cap.
 *
 * @param copyPath relative path of the new conflict copy
 * @param evicted relative paths of older conflict copies to delete first (oldest first; empty below the cap)
 */
public record ConflictPlacement(String copyPath, List<String> evicted) {

    public ConflictPlacement {
        evicted = List.copyOf(evicted);
    }

    /** Whether the cap was reached; the user should be told that older conflict copies were replaced. */
    public boolean capReached() {
        return !evicted.isEmpty();
    }
}
