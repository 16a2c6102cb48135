package org.deskplane.disk.iso9660.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.deskplane.disk.api.DiskFormatException;

/**
 * Reads the SUSP entries of a directory record: those in its System Use area and those in the continuation
 * areas ("CE") it chains to. Continuations come from the image, so they are bounded in number and size and a
 * chain that revisits an area is refused.
 */
final class SystemUseReader {

    static final int MAX_CONTINUATIONS = 16;
    static final int MAX_TOTAL_BYTES = 64 * 1024;

    private final BlockCache cache;
    private final int skip;

    /** @param skip the bytes to skip at the start of each System Use area, from the root's "SP" entry */
    SystemUseReader(BlockCache cache, int skip) {
        this.cache = cache;
        this.skip = skip;
    }

    /** Whether a System Use area starts with the "SP" entry that says SUSP is in use (checked on the root's "."). */
    static boolean startsWithSp(byte[] systemUse) {
        return systemUse.length >= 7 && systemUse[0] == 'S' && systemUse[1] == 'P' && Bytes.u8(systemUse, 2) >= 7
                && Bytes.u8(systemUse, 4) == 0xbe && Bytes.u8(systemUse, 5) == 0xef;
    }

    static int spSkip(byte[] systemUse) {
        return Bytes.u8(systemUse, 6);
    }

    List<SuspEntry> entries(byte[] systemUse, String where) throws IOException {
        List<SuspEntry> entries = new ArrayList<>();
        Set<Long> visited = new HashSet<>();
        int total = 0;
        byte[] area = systemUse;
        int start = Math.min(skip, systemUse.length);
        int end = systemUse.length;
        for (int continuation = 0;; continuation++) {
            long[] next = parseArea(area, start, end, entries, where);
            if (next == null) {
                return entries;
            }
            long block = next[0];
            long offset = next[1];
            long length = next[2];
            String what = where + " continuation area " + continuation;
            if (continuation >= MAX_CONTINUATIONS) {
                throw new DiskFormatException(where + ": more than " + MAX_CONTINUATIONS + " SUSP continuation areas");
            }
            if (offset < 0 || length < 0 || offset + length > cache.blockSize()) {
                throw new DiskFormatException(what + " [" + offset + ", +" + length + ") does not fit in a "
                        + cache.blockSize() + "-byte block");
            }
            if (!visited.add(block * cache.blockSize() + offset)) {
                throw new DiskFormatException(what + " at block " + block + " offset " + offset + " loops back");
            }
            total += (int) length;
            if (total > MAX_TOTAL_BYTES) {
                throw new DiskFormatException(where + ": SUSP continuation areas exceed " + MAX_TOTAL_BYTES + " bytes");
            }
            area = cache.block(block, what);
            start = (int) offset;
            end = (int) (offset + length);
        }
    }

    /** Adds the area's entries; returns the continuation (block, offset, length) it names, or null. */
    private static long[] parseArea(byte[] area, int start, int end, List<SuspEntry> entries, String where)
            throws DiskFormatException {
        long[] continuation = null;
        int pos = start;
        while (pos + 4 <= end) {
            if (area[pos] == 0) {
                break; // padding
            }
            int length = Bytes.u8(area, pos + 2);
            String signature = new String(area, pos, 2, StandardCharsets.ISO_8859_1);
            if (length < 4 || pos + length > end) {
                throw new DiskFormatException(where + ": SUSP entry \"" + signature + "\" has length " + length
                        + " with " + (end - pos) + " bytes left in its area");
            }
            if (signature.equals("ST")) {
                break;
            }
            byte[] data = java.util.Arrays.copyOfRange(area, pos + 4, pos + length);
            if (signature.equals("CE") && data.length >= 24) {
                continuation = new long[] { Bytes.le32(data, 0), Bytes.le32(data, 8), Bytes.le32(data, 16) };
            } else {
                entries.add(new SuspEntry(signature, Bytes.u8(area, pos + 3), data));
            }
            pos += length;
        }
        return continuation;
    }
}
