package org.deskplane.disk.ntfs.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.deskplane.disk.api.DiskFormatException;

/**
 * Reads a directory's $I30 index: the B+ tree rooted in $INDEX_ROOT whose other nodes are INDX blocks of
 * $INDEX_ALLOCATION. Walks every node once, in order; a node reached twice, too deep a tree or too many entries
 * is corruption.
 */
final class DirectoryIndex {

    static final String I30 = "$I30";
    /** Entries one directory may have (hard links and DOS names included). */
    static final int MAX_ENTRIES = 1_000_000;
    private static final int MAX_DEPTH = 64;
    private static final int ENTRY_HAS_SUBNODE = 1;
    private static final int ENTRY_LAST = 2;

    /** One directory entry: the MFT reference it points at and its $FILE_NAME key. */
    record Entry(long reference, FileName fileName) {
        long recordNumber() {
            return reference & 0xFFFFFFFFFFFFL;
        }
    }

    private final Mft mft;
    private final NtfsNode dir;
    private final String where;
    private final List<Entry> out = new ArrayList<>();
    private final Set<Long> visited = new HashSet<>();
    private ClusterStream allocation;
    private int blockSize;
    private int vcnUnit;

    private DirectoryIndex(Mft mft, NtfsNode dir) {
        this.mft = mft;
        this.dir = dir;
        this.where = "directory index of MFT record " + dir.number();
    }

    static List<Entry> read(Mft mft, NtfsNode dir) throws IOException {
        return new DirectoryIndex(mft, dir).walk();
    }

    private List<Entry> walk() throws IOException {
        Attribute root = dir.attribute(Attribute.INDEX_ROOT, I30);
        if (root == null || !root.resident()) {
            throw new DiskFormatException(where + ": no resident $INDEX_ROOT");
        }
        byte[] v = root.value();
        if (v.length < 32) {
            throw new DiskFormatException(where + ": $INDEX_ROOT of " + v.length + " bytes is too short");
        }
        if (Le.u32(v, 0) != Attribute.FILE_NAME) {
            throw new DiskFormatException(where + ": $I30 does not index file names");
        }
        long size = Le.u32(v, 8);
        if (size < 512 || size > 65536 || Long.bitCount(size) != 1) {
            throw new DiskFormatException(where + ": index block size " + size + " is unsupported");
        }
        blockSize = (int) size;
        int clusterSize = mft.boot().clusterSize();
        vcnUnit = blockSize >= clusterSize ? clusterSize : 512;
        List<Attribute> alloc = dir.extents(Attribute.INDEX_ALLOCATION, I30);
        if (!alloc.isEmpty()) {
            allocation = ClusterStream.of(mft.volume(), clusterSize, alloc, where + " $INDEX_ALLOCATION");
        }
        node(v, 16, v.length, 0);
        return out;
    }

    /** Reads the entries of the node whose index header is at {@code header}, recursing into subnodes. */
    private void node(byte[] b, int header, int limit, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new DiskFormatException(where + ": index tree deeper than " + MAX_DEPTH);
        }
        long entriesOffset = Le.u32(b, header);
        long used = Le.u32(b, header + 4);
        long end = header + used;
        long p = header + entriesOffset;
        if (entriesOffset < 16 || end > limit || p >= end) {
            throw new DiskFormatException(where + ": index header at " + header + " (entries at " + entriesOffset
                    + ", " + used + " bytes used) does not fit its node");
        }
        while (true) {
            if (p + 16 > end) {
                throw new DiskFormatException(where + ": index entries run past the node without a last entry");
            }
            int at = (int) p;
            int length = Le.u16(b, at + 8);
            int keyLength = Le.u16(b, at + 10);
            int flags = Le.u16(b, at + 12);
            if (length < 16 || (length & 7) != 0 || length > end - p || 16 + keyLength > length) {
                throw new DiskFormatException(where + ": index entry at byte " + at + " has length " + length);
            }
            if ((flags & ENTRY_HAS_SUBNODE) != 0) {
                if (length < 24 + keyLength) {
                    throw new DiskFormatException(where + ": index entry at byte " + at + " has no room for its"
                            + " subnode VCN");
                }
                subnode(Le.s64(b, at + length - 8), depth + 1);
            }
            if ((flags & ENTRY_LAST) != 0) {
                return;
            }
            if (out.size() >= MAX_ENTRIES) {
                throw new DiskFormatException(where + ": more than " + MAX_ENTRIES + " entries");
            }
            out.add(new Entry(Le.s64(b, at), FileName.parse(b, at + 16, keyLength, where)));
            p += length;
        }
    }

    private void subnode(long vcn, int depth) throws IOException {
        if (allocation == null) {
            throw new DiskFormatException(where + ": entry points to INDX block VCN " + vcn
                    + " but there is no $INDEX_ALLOCATION");
        }
        if (!visited.add(vcn)) {
            throw new DiskFormatException(where + ": INDX block VCN " + vcn + " is reached twice (a loop)");
        }
        long offset = vcn * vcnUnit;
        if (vcn < 0 || vcn > Long.MAX_VALUE / vcnUnit || offset > allocation.size() - blockSize) {
            throw new DiskFormatException(where + ": INDX block VCN " + vcn + " lies outside $INDEX_ALLOCATION ("
                    + allocation.size() + " bytes)");
        }
        byte[] block = new byte[blockSize];
        allocation.readFully(offset, block, 0, blockSize);
        String blockWhere = where + " INDX block VCN " + vcn;
        Fixups.apply(block, "INDX", blockWhere);
        if (Le.s64(block, 16) != vcn) {
            throw new DiskFormatException(blockWhere + ": block says it is VCN " + Le.s64(block, 16));
        }
        node(block, 24, blockSize, depth);
    }
}
