package org.deskplane.vmdiff.qcow2.internal;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The L2 tables of an image being written, kept in memory until the end: one table (8 bytes per guest cluster
 * it covers) for each range of guest clusters that has at least one entry, none for untouched ranges.
 */
public final class L2Tables {

    private final int entriesPerTable;
    private final NavigableMap<Integer, long[]> tables = new TreeMap<>();

    public L2Tables(int clusterSize) {
        this.entriesPerTable = clusterSize / 8;
    }

    /** Sets the entry of one guest cluster, which must not have one yet. */
    public void set(long guestIndex, long entry) {
        long[] table = tables.computeIfAbsent((int) (guestIndex / entriesPerTable), i -> new long[entriesPerTable]);
        int index = (int) (guestIndex % entriesPerTable);
        if (table[index] != 0) {
            throw new IllegalArgumentException("guest cluster " + guestIndex + " was already written");
        }
        table[index] = entry;
    }

    public boolean isSet(long guestIndex) {
        long[] table = tables.get((int) (guestIndex / entriesPerTable));
        return table != null && table[(int) (guestIndex % entriesPerTable)] != 0;
    }

    /** The tables by L1 index, ascending. */
    public Iterable<Map.Entry<Integer, long[]>> byL1Index() {
        return tables.entrySet();
    }

    public int count() {
        return tables.size();
    }
}
