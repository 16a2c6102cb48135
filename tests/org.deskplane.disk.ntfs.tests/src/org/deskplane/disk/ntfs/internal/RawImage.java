package org.deskplane.disk.ntfs.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.deskplane.disk.api.BlockDevices;

/**
 * Edits MFT records of a fresh image in memory (where $MFT's first records are contiguous): undoes a record's
 * fixups, lets a test change it, and writes it back with valid fixups, so only the intended damage remains.
 */
final class RawImage {

    final byte[] bytes;
    final BootSector boot;

    RawImage(byte[] bytes) throws Exception {
        this.bytes = bytes;
        this.boot = BootSector.read(BlockDevices.memory(bytes, "memory image"));
    }

    long recordOffset(long n) {
        return boot.mftLcn() * boot.clusterSize() + n * boot.mftRecordSize();
    }

    /** A record with fixups undone. */
    byte[] record(long n) throws Exception {
        byte[] r = new byte[boot.mftRecordSize()];
        System.arraycopy(bytes, (int) recordOffset(n), r, 0, r.length);
        Fixups.apply(r, "FILE", "record " + n);
        return r;
    }

    /** Writes a record back, moving each sector's last two bytes into the update sequence array. */
    void write(long n, byte[] r) {
        refix(r);
        System.arraycopy(r, 0, bytes, (int) recordOffset(n), r.length);
    }

    private static void refix(byte[] r) {
        int usa = Le.u16(r, 4);
        int usn = Le.u16(r, usa);
        for (int s = 0; s < r.length / 512; s++) {
            int end = (s + 1) * 512 - 2;
            r[usa + 2 + 2 * s] = r[end];
            r[usa + 3 + 2 * s] = r[end + 1];
            r[end] = (byte) usn;
            r[end + 1] = (byte) (usn >> 8);
        }
    }

    /**
     * Makes an entry of an internal INDX block (one whose entries have subnodes) point at that block itself;
     * returns whether the image had such a block.
     */
    boolean loopAnIndexBlock(int blockSize) throws Exception {
        for (int at = 0; at + blockSize <= bytes.length; at += boot.clusterSize()) {
            if (bytes[at] != 'I' || bytes[at + 1] != 'N' || bytes[at + 2] != 'D' || bytes[at + 3] != 'X') {
                continue;
            }
            byte[] b = java.util.Arrays.copyOfRange(bytes, at, at + blockSize);
            Fixups.apply(b, "INDX", "INDX at " + at);
            int p = 24 + (int) Le.u32(b, 24);
            int flags = Le.u16(b, p + 12);
            if ((flags & 1) != 0) {
                int length = Le.u16(b, p + 8);
                System.arraycopy(b, 16, b, p + length - 8, 8);
                refix(b);
                System.arraycopy(b, 0, bytes, at, blockSize);
                return true;
            }
        }
        return false;
    }

    /** The first in-use record (of the first 256) with a $FILE_NAME called {@code name}. */
    long find(String name) throws Exception {
        byte[] utf16 = name.getBytes(StandardCharsets.UTF_16LE);
        for (long n = 16; n < 256; n++) {
            byte[] r = record(n);
            if (attribute(r, Attribute.FILE_NAME) >= 0 && indexOf(r, utf16) >= 0) {
                return n;
            }
        }
        throw new AssertionError("no record named " + name);
    }

    /** Offset of the first attribute of {@code type} in a fixed-up record, or -1. */
    static int attribute(byte[] r, int type) {
        int p = Le.u16(r, 20);
        while (p + 8 < r.length) {
            long t = Le.u32(r, p);
            if (t == 0xFFFFFFFFL) {
                return -1;
            }
            if (t == type) {
                return p;
            }
            p += (int) Le.u32(r, p + 4);
        }
        return -1;
    }

    /** Offsets of the subnode VCN fields of the $INDEX_ROOT entries in a fixed-up record. */
    static List<Integer> rootSubnodeVcns(byte[] r) {
        int a = attribute(r, Attribute.INDEX_ROOT);
        int value = a + Le.u16(r, a + 20);
        int header = value + 16;
        int p = header + (int) Le.u32(r, header);
        List<Integer> out = new ArrayList<>();
        while (true) {
            int length = Le.u16(r, p + 8);
            int flags = Le.u16(r, p + 12);
            if ((flags & 1) != 0) {
                out.add(p + length - 8);
            }
            if ((flags & 2) != 0) {
                return out;
            }
            p += length;
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer: for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (hay[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
