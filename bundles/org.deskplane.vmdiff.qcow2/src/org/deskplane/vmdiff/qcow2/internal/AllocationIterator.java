package org.deskplane.vmdiff.qcow2.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

import org.deskplane.vmdiff.qcow2.ClusterEntry;

/**
 * Walks the allocated clusters in ascending guest order, one L2 table in memory at a time, so that a large
 * sparse overlay does not need a list of all its clusters.
 */
public final class AllocationIterator implements Iterator<ClusterEntry> {

    private final ClusterMap map;
    private int l1Index = -1;
    private L2Entry[] table;
    private int tableIndex;
    private ClusterEntry next;

    public AllocationIterator(ClusterMap map) {
        this.map = map;
    }

    /**
     * Reads every L2 table once and decodes every entry, so that a corrupt table is reported by the caller's
     * {@code allocated()} as a checked exception instead of in the middle of an iteration.
     */
    public static void validate(ClusterMap map) throws IOException {
        for (int i = 0; i < map.l1Entries(); i++) {
            map.table(i);
        }
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = advance();
        }
        return next != null;
    }

    @Override
    public ClusterEntry next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ClusterEntry result = next;
        next = null;
        return result;
    }

    private ClusterEntry advance() {
        try {
            // every step moves tableIndex or l1Index forward: bounded by the number of guest clusters
            while (true) {
                if (table != null && tableIndex < table.length) {
                    L2Entry entry = table[tableIndex];
                    long guestIndex = (long) l1Index * map.header().l2Entries() + tableIndex;
                    tableIndex++;
                    if (entry.allocated()) {
                        return new ClusterEntry(guestIndex, entry.kind());
                    }
                    continue;
                }
                l1Index++;
                if (l1Index >= map.l1Entries()) {
                    return null;
                }
                table = map.table(l1Index);
                tableIndex = 0;
            }
        } catch (IOException e) {
            // only when the file changed after allocated() validated it
            throw new UncheckedIOException(e);
        }
    }
}
