package org.deskplane.disk.ext.internal;

import java.util.ArrayList;
import java.util.List;

import org.deskplane.disk.api.DiskFormatException;

/** The superblock's feature bits this reader looks at, and which incompatible ones it cannot read. */
final class ExtFeatures {

    static final long COMPAT_HAS_JOURNAL = 0x4;

    static final long INCOMPAT_COMPRESSION = 0x1;
    static final long INCOMPAT_FILETYPE = 0x2;
    static final long INCOMPAT_RECOVER = 0x4;
    static final long INCOMPAT_JOURNAL_DEV = 0x8;
    static final long INCOMPAT_META_BG = 0x10;
    static final long INCOMPAT_EXTENTS = 0x40;
    static final long INCOMPAT_64BIT = 0x80;
    static final long INCOMPAT_MMP = 0x100;
    static final long INCOMPAT_FLEX_BG = 0x200;
    static final long INCOMPAT_EA_INODE = 0x400;
    static final long INCOMPAT_DIRDATA = 0x1000;
    static final long INCOMPAT_CSUM_SEED = 0x2000;
    static final long INCOMPAT_LARGEDIR = 0x4000;
    static final long INCOMPAT_INLINE_DATA = 0x8000;
    static final long INCOMPAT_ENCRYPT = 0x10000;
    static final long INCOMPAT_CASEFOLD = 0x20000;

    static final long RO_COMPAT_SPARSE_SUPER = 0x1;
    static final long RO_COMPAT_LARGE_FILE = 0x2;
    static final long RO_COMPAT_BTREE_DIR = 0x4;
    static final long RO_COMPAT_HUGE_FILE = 0x8;
    static final long RO_COMPAT_BIGALLOC = 0x200;
    static final long RO_COMPAT_METADATA_CSUM = 0x400;

    /** What reading needs nothing special for, or what this reader implements (journal recovery is not replayed). */
    private static final long SUPPORTED_INCOMPAT = INCOMPAT_FILETYPE | INCOMPAT_RECOVER | INCOMPAT_META_BG
            | INCOMPAT_EXTENTS | INCOMPAT_64BIT | INCOMPAT_MMP | INCOMPAT_FLEX_BG | INCOMPAT_EA_INODE
            | INCOMPAT_CSUM_SEED | INCOMPAT_LARGEDIR | INCOMPAT_INLINE_DATA | INCOMPAT_ENCRYPT | INCOMPAT_CASEFOLD;

    /** The features ext3 knew; anything beyond makes the volume "ext4" (as blkid decides). */
    private static final long EXT3_INCOMPAT = INCOMPAT_FILETYPE | INCOMPAT_RECOVER | INCOMPAT_META_BG;
    private static final long EXT3_RO_COMPAT = RO_COMPAT_SPARSE_SUPER | RO_COMPAT_LARGE_FILE | RO_COMPAT_BTREE_DIR;

    private ExtFeatures() {
    }

    static void requireSupported(long incompat, String where) throws DiskFormatException {
        long unsupported = incompat & ~SUPPORTED_INCOMPAT;
        if (unsupported == 0) {
            return;
        }
        List<String> names = new ArrayList<>();
        if ((unsupported & INCOMPAT_COMPRESSION) != 0) {
            names.add("compression");
        }
        if ((unsupported & INCOMPAT_JOURNAL_DEV) != 0) {
            names.add("journal_dev (an external journal device, not a file system)");
        }
        if ((unsupported & INCOMPAT_DIRDATA) != 0) {
            names.add("dirdata");
        }
        long unknown = unsupported & ~(INCOMPAT_COMPRESSION | INCOMPAT_JOURNAL_DEV | INCOMPAT_DIRDATA);
        if (unknown != 0) {
            names.add("unknown bits 0x" + Long.toHexString(unknown));
        }
        throw new DiskFormatException(where + ": incompatible features not supported by this reader: "
                + String.join(", ", names));
    }

    static String typeName(long compat, long incompat, long roCompat) {
        if ((incompat & ~EXT3_INCOMPAT) != 0 || (roCompat & ~EXT3_RO_COMPAT) != 0) {
            return "ext4";
        }
        return (compat & COMPAT_HAS_JOURNAL) != 0 ? "ext3" : "ext2";
    }
}
