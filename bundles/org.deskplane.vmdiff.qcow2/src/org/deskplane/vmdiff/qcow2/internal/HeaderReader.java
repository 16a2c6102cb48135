package org.deskplane.vmdiff.qcow2.internal;

import static org.deskplane.vmdiff.qcow2.internal.Header.u32;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.deskplane.vmdiff.qcow2.Qcow2Exception;

/**
 * Parses and validates a qcow2 header: the fixed fields, the v3 feature bits (refusing every feature whose
 * meaning would change how clusters are read), the header extensions and the backing file name. All of it lies
 * in the first cluster, which is read once, so no field can make this read elsewhere or allocate more.
 */
final class HeaderReader {

    static final int MAGIC = 0x514649FB; // "QFI\xfb"
    private static final int V2_HEADER_LENGTH = 72;
    private static final int V3_MIN_HEADER_LENGTH = 104;

    private static final long INCOMPAT_DIRTY = 1L;
    private static final long INCOMPAT_CORRUPT = 1L << 1;
    private static final long INCOMPAT_DATA_FILE = 1L << 2;
    private static final long INCOMPAT_COMPRESSION_TYPE = 1L << 3;
    private static final long INCOMPAT_EXTENDED_L2 = 1L << 4;

    private static final long EXT_END = 0;
    private static final long EXT_BACKING_FORMAT = 0xE2792ACAL;
    private static final long EXT_FULL_DISK_ENCRYPTION = 0x0537BE77L;
    private static final long EXT_DATA_FILE = 0x44415441L;

    private HeaderReader() {
    }

    static Header read(HostFile file) throws IOException {
        if (file.length() < V2_HEADER_LENGTH) {
            throw file.problem("file of " + file.length() + " bytes is too short for a qcow2 header");
        }
        ByteBuffer fixed = file.read(0, V2_HEADER_LENGTH, "qcow2 header");
        if (fixed.getInt(0) != MAGIC) {
            throw file.problem("not a qcow2 image (no QFI magic)");
        }
        int version = fixed.getInt(4);
        if (version != 2 && version != 3) {
            throw file.problem("qcow2 version " + version + " is not supported (only 2 and 3)");
        }
        int clusterBits = fixed.getInt(20);
        if (clusterBits < Limits.MIN_CLUSTER_BITS || clusterBits > Limits.MAX_CLUSTER_BITS) {
            throw file.problem("cluster_bits " + clusterBits + " outside " + Limits.MIN_CLUSTER_BITS + ".."
                    + Limits.MAX_CLUSTER_BITS);
        }
        int cryptMethod = fixed.getInt(32);
        if (cryptMethod != 0) {
            throw file.problem("encrypted images are not supported (crypt_method " + cryptMethod + ")");
        }
        // the header, its extensions and the backing file name all lie in the first cluster
        int headSize = (int) Math.min(1L << clusterBits, file.length());
        ByteBuffer head = file.read(0, headSize, "qcow2 header cluster");
        int headerLength = V2_HEADER_LENGTH;
        if (version == 3) {
            headerLength = checkV3Fields(file, head);
        }
        long virtualSize = fixed.getLong(24);
        if (virtualSize < 0 || virtualSize > Limits.MAX_VIRTUAL_SIZE) {
            throw file.problem("virtual size " + virtualSize + " is out of range");
        }
        long neededL1 = Limits.l1EntriesFor(virtualSize, clusterBits);
        long l1Size = u32(fixed, 36);
        long l1Offset = fixed.getLong(40);
        if (l1Size < neededL1) {
            throw file.problem("L1 table of " + l1Size + " entries is too small for the virtual size of "
                    + virtualSize + " bytes (" + neededL1 + " needed)");
        }
        if (l1Size > Limits.MAX_L1_ENTRIES) {
            throw file.problem("L1 table of " + l1Size + " entries exceeds the limit of " + Limits.MAX_L1_ENTRIES);
        }
        if (l1Size > 0 && (l1Offset <= 0 || (l1Offset & ((1L << clusterBits) - 1)) != 0)) {
            throw file.problem("L1 table offset " + l1Offset + " is not a cluster boundary");
        }
        if (l1Size > 0 && !file.contains(l1Offset, l1Size * 8)) {
            throw file.problem("L1 table at offset " + l1Offset + " (" + l1Size
                    + " entries) lies beyond the end of the file (" + file.length() + " bytes)");
        }
        long backingOffset = fixed.getLong(8);
        Optional<String> backingFile = readBackingName(file, head, backingOffset, u32(fixed, 16), headerLength);
        // extensions end where the backing file name starts (qemu's rule), at the latest at the cluster's end
        int extensionsEnd = backingFile.isPresent() ? (int) backingOffset : headSize;
        Extensions extensions = readExtensions(file, head, headerLength, extensionsEnd);
        return new Header(version, clusterBits, virtualSize, l1Offset, (int) neededL1, backingFile,
                extensions.backingFormat());
    }

    /** Checks the v3 feature bits and compression type; returns the validated header length. */
    private static int checkV3Fields(HostFile file, ByteBuffer head) throws Qcow2Exception {
        if (head.limit() < V3_MIN_HEADER_LENGTH) {
            throw file.problem("file of " + file.length() + " bytes is too short for a qcow2 v3 header");
        }
        long incompatible = head.getLong(72);
        if ((incompatible & INCOMPAT_CORRUPT) != 0) {
            throw file.problem("qemu marked the image corrupt (incompatible feature 'corrupt'); run qemu-img check -r");
        }
        if ((incompatible & INCOMPAT_DATA_FILE) != 0) {
            throw file.problem("images with an external data file are not supported");
        }
        if ((incompatible & INCOMPAT_EXTENDED_L2) != 0) {
            throw file.problem("extended L2 entries (subclusters) are not supported");
        }
        if ((incompatible & INCOMPAT_COMPRESSION_TYPE) != 0) {
            throw file.problem("a compression type other than deflate (zstd) is not supported");
        }
        long unknown = incompatible & ~INCOMPAT_DIRTY;
        if (unknown != 0) {
            throw file.problem("unknown incompatible features 0x" + Long.toHexString(unknown));
        }
        int refcountOrder = head.getInt(96);
        if (refcountOrder < 0 || refcountOrder > 6) {
            throw file.problem("refcount_order " + refcountOrder + " is invalid (0..6)");
        }
        long headerLength = u32(head, 100);
        if (headerLength < V3_MIN_HEADER_LENGTH || headerLength > head.limit()) {
            throw file.problem("header_length " + headerLength + " is outside " + V3_MIN_HEADER_LENGTH + ".."
                    + head.limit());
        }
        if (headerLength > V3_MIN_HEADER_LENGTH && head.get(104) != 0) {
            throw file.problem("compression type " + (head.get(104) & 0xFF) + " is not supported (only deflate)");
        }
        return (int) headerLength;
    }

    private static Optional<String> readBackingName(HostFile file, ByteBuffer head, long offset, long length,
            int headerLength) throws Qcow2Exception {
        if (offset == 0) {
            return Optional.empty();
        }
        if (length == 0 || length > Limits.MAX_BACKING_NAME) {
            throw file.problem("backing file name length " + length + " is outside 1.." + Limits.MAX_BACKING_NAME);
        }
        if (offset < headerLength || offset > head.limit() || length > head.limit() - offset) {
            throw file.problem("backing file name at offset " + offset + " (" + length
                    + " bytes) is not inside the header cluster");
        }
        return Optional.of(decode(file, head, (int) offset, (int) length, "backing file name"));
    }

    private record Extensions(Optional<String> backingFormat) {
    }

    private static Extensions readExtensions(HostFile file, ByteBuffer head, int start, int end)
            throws Qcow2Exception {
        Optional<String> backingFormat = Optional.empty();
        int at = start;
        for (int count = 0; at + 8 <= end; count++) {
            if (count >= Limits.MAX_EXTENSIONS) {
                throw file.problem("more than " + Limits.MAX_EXTENSIONS + " header extensions");
            }
            long type = u32(head, at);
            long length = u32(head, at + 4);
            if (type == EXT_END) {
                break;
            }
            int data = at + 8;
            if (length > end - data) {
                throw file.problem("header extension 0x" + Long.toHexString(type) + " at offset " + at + " ("
                        + length + " bytes) runs past the end of the extension area (" + end + ")");
            }
            if (type == EXT_BACKING_FORMAT) {
                if (length == 0 || length > Limits.MAX_BACKING_FORMAT) {
                    throw file.problem("backing format name length " + length + " is outside 1.."
                            + Limits.MAX_BACKING_FORMAT);
                }
                backingFormat = Optional.of(decode(file, head, data, (int) length, "backing format"));
            } else if (type == EXT_FULL_DISK_ENCRYPTION) {
                throw file.problem("encrypted images are not supported (full disk encryption header)");
            } else if (type == EXT_DATA_FILE) {
                throw file.problem("images with an external data file are not supported");
            }
            // other extensions (feature names, bitmaps) do not change what the L1/L2 tables mean
            at = data + (int) ((length + 7) & ~7L);
        }
        return new Extensions(backingFormat);
    }

    private static String decode(HostFile file, ByteBuffer head, int offset, int length, String what)
            throws Qcow2Exception {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(head.duplicate().position(offset).limit(offset + length)).toString();
            if (text.indexOf('\0') >= 0) {
                throw file.problem(what + " contains a NUL byte");
            }
            return text;
        } catch (CharacterCodingException e) {
            throw file.problem(what + " is not valid UTF-8");
        }
    }
}
