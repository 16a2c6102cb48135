package org.deskplane.disk.image.internal.qcow2;

import static org.deskplane.disk.image.internal.Bytes.be32;
import static org.deskplane.disk.image.internal.Bytes.be64;
import static org.deskplane.disk.image.internal.Bytes.hex;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.deskplane.disk.api.DiskFormatException;
import org.deskplane.disk.image.internal.HostFile;

/**
 * The qcow2 header (version 2 and 3) and the header extensions this reader needs, validated against the file's
 * size and qemu's own limits before anything else is read.
 */
record Qcow2Header(int version, int clusterBits, long virtualSize, int l1Size, long l1Offset, String backingFile,
        String backingFormat) {

    static final int MAGIC = 0x514649FB; // "QFI\xfb"
    private static final int V2_HEADER_LENGTH = 72;
    private static final int V3_MIN_HEADER_LENGTH = 104;
    private static final int MAX_BACKING_NAME = 1023;
    private static final int MAX_EXTENSIONS = 256;
    private static final long EXT_END = 0;
    private static final long EXT_BACKING_FORMAT = 0xE2792ACAL;
    private static final long EXT_DATA_FILE = 0x44415441L;
    private static final long EXT_ENCRYPTION = 0x0537BE77L;
    private static final long INCOMPAT_DIRTY = 1;
    private static final long INCOMPAT_CORRUPT = 2;
    private static final long INCOMPAT_DATA_FILE = 4;
    private static final long INCOMPAT_COMPRESSION = 8;
    private static final long INCOMPAT_EXTENDED_L2 = 16;
    /** qemu's limit on the virtual size (it stores offsets in 56 bits and refuses more than this). */
    private static final long MAX_VIRTUAL_SIZE = 1L << 55;

    long clusterSize() {
        return 1L << clusterBits;
    }

    int l2Bits() {
        return clusterBits - 3;
    }

    static boolean probe(byte[] header) {
        if (header.length < V2_HEADER_LENGTH) {
            return false;
        }
        int version = be32(header, 4);
        return be32(header, 0) == MAGIC && (version == 2 || version == 3);
    }

    static Qcow2Header read(HostFile file) throws IOException {
        String where = file.describe();
        if (file.size() < V2_HEADER_LENGTH) {
            throw new DiskFormatException(where + ": file of " + file.size() + " bytes is too short for a qcow2 header");
        }
        byte[] fixed = file.read("qcow2 header", 0, V2_HEADER_LENGTH);
        if (be32(fixed, 0) != MAGIC) {
            throw new DiskFormatException(where + ": no qcow2 magic at offset 0");
        }
        int version = be32(fixed, 4);
        if (version != 2 && version != 3) {
            throw new DiskFormatException(where + ": qcow2 version " + version + " is not supported (2 or 3)");
        }
        int clusterBits = be32(fixed, 20);
        if (clusterBits < 9 || clusterBits > 21) {
            throw new DiskFormatException(where + ": qcow2 cluster_bits " + clusterBits + " outside 9..21");
        }
        long clusterSize = 1L << clusterBits;
        int cryptMethod = be32(fixed, 32);
        if (cryptMethod != 0) {
            throw new DiskFormatException(where + ": encrypted qcow2 images (crypt_method " + cryptMethod
                    + ") cannot be read");
        }
        // the header and its extensions lie in the first cluster
        int firstCluster = (int) Math.min(clusterSize, file.size());
        byte[] head = file.read("qcow2 header cluster", 0, firstCluster);
        int headerLength = V2_HEADER_LENGTH;
        if (version == 3) {
            if (firstCluster < V3_MIN_HEADER_LENGTH) {
                throw new DiskFormatException(where + ": file too short for a qcow2 v3 header");
            }
            checkFeatures(where, head);
            headerLength = be32(head, 100);
            if (headerLength < V3_MIN_HEADER_LENGTH || headerLength > firstCluster || headerLength % 8 != 0) {
                throw new DiskFormatException(where + ": qcow2 header_length " + headerLength + " is invalid");
            }
            if (headerLength > V3_MIN_HEADER_LENGTH && (head[104] & 0xFF) != 0) {
                throw new DiskFormatException(where + ": qcow2 compression type " + (head[104] & 0xFF)
                        + " (zstd) is not supported; only deflate");
            }
        }
        long virtualSize = be64(fixed, 24);
        if (virtualSize < 0 || virtualSize > MAX_VIRTUAL_SIZE) {
            throw new DiskFormatException(where + ": qcow2 virtual size " + virtualSize + " is out of range");
        }
        int l1Size = be32(fixed, 36);
        long l1Offset = be64(fixed, 40);
        long bytesPerL1Entry = clusterSize << (clusterBits - 3);
        long neededL1 = ceilDiv(virtualSize, bytesPerL1Entry);
        if (l1Size < 0 || l1Size < neededL1) {
            throw new DiskFormatException(where + ": qcow2 L1 table of " + Integer.toUnsignedString(l1Size)
                    + " entries does not cover the virtual size (" + neededL1 + " needed)");
        }
        if (l1Size > 0 && (l1Offset <= 0 || l1Offset % clusterSize != 0 || l1Offset > file.size()
                || (long) l1Size * 8 > file.size() - l1Offset)) {
            throw new DiskFormatException(where + ": qcow2 L1 table at " + hex(l1Offset) + " (" + l1Size
                    + " entries) is misaligned or lies beyond the end of the file (" + file.size() + " bytes)");
        }
        String backingFile = readBackingName(where, fixed, head);
        Extensions extensions = readExtensions(where, head, headerLength);
        if (extensions.dataFile) {
            throw new DiskFormatException(where + ": qcow2 with an external data file cannot be read");
        }
        if (extensions.encryption) {
            throw new DiskFormatException(where + ": qcow2 with a full disk encryption header cannot be read");
        }
        return new Qcow2Header(version, clusterBits, virtualSize, l1Size, l1Offset, backingFile,
                extensions.backingFormat);
    }

    private static void checkFeatures(String where, byte[] head) throws DiskFormatException {
        long incompatible = be64(head, 72);
        if ((incompatible & INCOMPAT_DATA_FILE) != 0) {
            throw new DiskFormatException(where + ": qcow2 with an external data file cannot be read");
        }
        if ((incompatible & INCOMPAT_EXTENDED_L2) != 0) {
            throw new DiskFormatException(where + ": qcow2 extended L2 entries (subclusters) are not supported");
        }
        long known = INCOMPAT_DIRTY | INCOMPAT_CORRUPT | INCOMPAT_COMPRESSION;
        if ((incompatible & ~known) != 0) {
            throw new DiskFormatException(where + ": qcow2 has unknown incompatible features " + hex(incompatible));
        }
        int refcountOrder = be32(head, 96);
        if (refcountOrder > 6) {
            throw new DiskFormatException(where + ": qcow2 refcount_order " + refcountOrder + " is invalid");
        }
    }

    private static String readBackingName(String where, byte[] fixed, byte[] head) throws DiskFormatException {
        long offset = be64(fixed, 8);
        int length = be32(fixed, 16);
        if (offset == 0) {
            return null;
        }
        if (length <= 0 || length > MAX_BACKING_NAME || offset < 0 || offset > head.length
                || length > head.length - offset) {
            throw new DiskFormatException(where + ": qcow2 backing file name at " + hex(offset) + " (" + length
                    + " bytes) is outside the first cluster or too long");
        }
        return new String(head, (int) offset, length, StandardCharsets.UTF_8);
    }

    private record Extensions(String backingFormat, boolean dataFile, boolean encryption) {
    }

    private static Extensions readExtensions(String where, byte[] head, int start) throws DiskFormatException {
        String backingFormat = null;
        boolean dataFile = false;
        boolean encryption = false;
        int at = start;
        for (int count = 0; ; count++) {
            if (count > MAX_EXTENSIONS) {
                throw new DiskFormatException(where + ": more than " + MAX_EXTENSIONS + " qcow2 header extensions");
            }
            if (at + 8 > head.length) {
                // qemu tolerates a header cluster that ends without an end marker
                break;
            }
            long type = be32(head, at) & 0xFFFF_FFFFL;
            long length = be32(head, at + 4) & 0xFFFF_FFFFL;
            if (type == EXT_END) {
                break;
            }
            int data = at + 8;
            if (length > head.length - data) {
                throw new DiskFormatException(where + ": qcow2 header extension " + hex(type) + " at " + hex(at)
                        + " of " + length + " bytes runs past the first cluster");
            }
            if (type == EXT_BACKING_FORMAT) {
                if (length > 64) {
                    throw new DiskFormatException(where + ": qcow2 backing format name of " + length + " bytes");
                }
                backingFormat = new String(head, data, (int) length, StandardCharsets.US_ASCII);
            } else if (type == EXT_DATA_FILE) {
                dataFile = true;
            } else if (type == EXT_ENCRYPTION) {
                encryption = true;
            }
            at = data + (int) ((length + 7) & ~7L);
        }
        return new Extensions(backingFormat, dataFile, encryption);
    }

    private static long ceilDiv(long a, long b) {
        return a / b + (a % b == 0 ? 0 : 1);
    }

}
