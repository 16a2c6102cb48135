package org.deskplane.disk.ntfs.internal;

import java.util.List;

/**
 * One attribute record of an MFT record. Resident: {@code value} holds the bytes. Non-resident: {@code runs}
 * map VCNs [lowestVcn, highestVcn] of the stream; sizes are valid in the extent with lowestVcn 0.
 */
record Attribute(int type, String name, int flags, boolean resident, byte[] value, long lowestVcn,
        long highestVcn, List<DataRun> runs, long allocatedSize, long dataSize, long initializedSize,
        int compressionUnit) {

    static final int STANDARD_INFORMATION = 0x10;
    static final int ATTRIBUTE_LIST = 0x20;
    static final int FILE_NAME = 0x30;
    static final int VOLUME_NAME = 0x60;
    static final int DATA = 0x80;
    static final int INDEX_ROOT = 0x90;
    static final int INDEX_ALLOCATION = 0xA0;
    static final int REPARSE_POINT = 0xC0;
    static final int END = 0xFFFFFFFF;

    static final int FLAG_COMPRESSED = 0x0001;
    static final int FLAG_ENCRYPTED = 0x4000;
    static final int FLAG_SPARSE = 0x8000;

    /** Bytes of the stream: the value's length when resident. */
    long size() {
        return resident ? value.length : dataSize;
    }
}
