package org.deskplane.vmdiff.qcow2.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Encodes the first cluster of a qcow2 v3 file: header (112 bytes, deflate compression type), the backing
 * format extension, the end marker, then the backing file name.
 */
public final class HeaderEncoder {

    private static final int HEADER_LENGTH = 112;
    private static final int EXT_BACKING_FORMAT = 0xE2792ACA;

    private final int clusterBits;
    private final long virtualSize;
    private final byte[] backingFile;
    private final byte[] backingFormat;

    /** @throws IllegalArgumentException when the names are too long or do not fit into one cluster */
    public HeaderEncoder(int clusterBits, long virtualSize, String backingFile, String backingFormat) {
        this.clusterBits = clusterBits;
        this.virtualSize = virtualSize;
        this.backingFile = backingFile == null ? null : backingFile.getBytes(StandardCharsets.UTF_8);
        this.backingFormat = backingFormat == null ? null : backingFormat.getBytes(StandardCharsets.UTF_8);
        if (this.backingFile != null && (this.backingFile.length == 0 || this.backingFile.length > Limits.MAX_BACKING_NAME
                || backingFile.indexOf('\0') >= 0)) {
            throw new IllegalArgumentException("backing file name must be 1.." + Limits.MAX_BACKING_NAME
                    + " bytes of UTF-8 without NUL");
        }
        if (this.backingFormat != null && (this.backingFile == null || this.backingFormat.length == 0
                || this.backingFormat.length > Limits.MAX_BACKING_FORMAT || backingFormat.indexOf('\0') >= 0)) {
            throw new IllegalArgumentException("backing format must be 1.." + Limits.MAX_BACKING_FORMAT
                    + " bytes and needs a backing file");
        }
        if (length() > 1 << clusterBits) {
            throw new IllegalArgumentException("header with backing file name needs " + length()
                    + " bytes, more than one cluster of " + (1 << clusterBits));
        }
    }

    private int backingNameOffset() {
        int extensions = backingFormat == null ? 0 : 8 + pad8(backingFormat.length);
        return HEADER_LENGTH + extensions + 8; // + end marker
    }

    private int length() {
        return backingNameOffset() + (backingFile == null ? 0 : backingFile.length);
    }

    public ByteBuffer encode(long l1Offset, int l1Size, long refcountTableOffset, long refcountTableClusters) {
        ByteBuffer header = ByteBuffer.allocate(length());
        header.putInt(0, HeaderReader.MAGIC);
        header.putInt(4, 3);
        if (backingFile != null) {
            header.putLong(8, backingNameOffset());
            header.putInt(16, backingFile.length);
        }
        header.putInt(20, clusterBits);
        header.putLong(24, virtualSize);
        header.putInt(32, 0); // no encryption
        header.putInt(36, l1Size);
        header.putLong(40, l1Offset);
        header.putLong(48, refcountTableOffset);
        header.putInt(56, (int) refcountTableClusters);
        // no snapshots, no feature bits
        header.putInt(96, RefcountLayout.REFCOUNT_ORDER);
        header.putInt(100, HEADER_LENGTH);
        // byte 104: compression type 0 = deflate; 105..111 padding
        int at = HEADER_LENGTH;
        if (backingFormat != null) {
            header.putInt(at, EXT_BACKING_FORMAT);
            header.putInt(at + 4, backingFormat.length);
            header.put(at + 8, backingFormat);
            at += 8 + pad8(backingFormat.length);
        }
        at += 8; // end-of-extensions marker: type 0, length 0 (already zero)
        if (backingFile != null) {
            header.put(at, backingFile);
        }
        return header;
    }

    private static int pad8(int length) {
        return (length + 7) & ~7;
    }
}
