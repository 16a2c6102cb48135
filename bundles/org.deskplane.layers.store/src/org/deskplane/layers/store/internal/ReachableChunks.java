package org.deskplane.layers.store.internal;

import java.util.Arrays;

/**
 * The chunks some version names, kept compactly for the mark phase: the first 8 bytes of each id in a sorted long
 * array (8 bytes a chunk instead of a String set). Two ids sharing a prefix make the collector keep a chunk it could
 * have freed, never free one still named.
 */
final class ReachableChunks {

    private long[] prefixes = new long[1024];
    private int size;
    private boolean sorted;

    void add(String id) {
        if (size == prefixes.length) {
            prefixes = Arrays.copyOf(prefixes, size * 2);
        }
        prefixes[size++] = prefix(id);
        sorted = false;
    }

    boolean mayContain(String id) {
        if (!sorted) {
            Arrays.sort(prefixes, 0, size);
            sorted = true;
        }
        return Arrays.binarySearch(prefixes, 0, size, prefix(id)) >= 0;
    }

    private static long prefix(String id) {
        return Long.parseUnsignedLong(id.substring(0, 16), 16);
    }
}
