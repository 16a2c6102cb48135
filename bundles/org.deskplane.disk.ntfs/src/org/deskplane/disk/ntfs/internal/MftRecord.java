package org.deskplane.disk.ntfs.internal;

import java.util.ArrayList;
import java.util.List;

import org.deskplane.disk.api.DiskFormatException;

/** A FILE record of the MFT with its fixups undone and its attributes parsed (not yet the attribute list's). */
record MftRecord(long number, int sequence, int linkCount, int flags, long baseReference,
        List<Attribute> attributes) {

    static final int IN_USE = 0x01;
    static final int DIRECTORY = 0x02;
    /** Attribute records per MFT record: a 64 KiB record cannot hold more than this many 24-byte ones. */
    private static final int MAX_ATTRIBUTES = 4096;

    boolean inUse() {
        return (flags & IN_USE) != 0;
    }

    long baseRecordNumber() {
        return baseReference & 0xFFFFFFFFFFFFL;
    }

    /** Parses {@code b} (a whole record as read from disk; fixups are applied in place). */
    static MftRecord parse(long number, byte[] b, long volumeClusters) throws DiskFormatException {
        String where = "MFT record " + number;
        Fixups.apply(b, "FILE", where);
        int sequence = Le.u16(b, 16);
        int linkCount = Le.u16(b, 18);
        int attrOffset = Le.u16(b, 20);
        int flags = Le.u16(b, 22);
        long bytesUsed = Le.u32(b, 24);
        long baseRef = Le.s64(b, 32);
        if (bytesUsed > b.length || attrOffset < 24 || attrOffset >= bytesUsed) {
            throw new DiskFormatException(where + ": attributes at " + attrOffset + " / used size " + bytesUsed
                    + " do not fit the " + b.length + "-byte record");
        }
        int end = (int) bytesUsed;
        List<Attribute> attributes = new ArrayList<>();
        int p = attrOffset;
        while (true) {
            if (p + 4 > end) {
                throw new DiskFormatException(where + ": attributes run past the used size without an end marker");
            }
            long type = Le.u32(b, p);
            if (type == 0xFFFFFFFFL) {
                break;
            }
            if (p + 16 > end) {
                throw new DiskFormatException(where + ": attribute header at " + p + " is cut off");
            }
            long length = Le.u32(b, p + 4);
            if (length < 24 || (length & 7) != 0 || length > end - p) {
                throw new DiskFormatException(where + ": attribute 0x" + Long.toHexString(type) + " at " + p
                        + " has length " + length);
            }
            if (attributes.size() >= MAX_ATTRIBUTES) {
                throw new DiskFormatException(where + ": more than " + MAX_ATTRIBUTES + " attributes");
            }
            attributes.add(parseAttribute(b, p, (int) length, volumeClusters, where));
            p += (int) length;
        }
        return new MftRecord(number, sequence, linkCount, flags, baseRef, List.copyOf(attributes));
    }

    private static Attribute parseAttribute(byte[] b, int p, int length, long volumeClusters, String record)
            throws DiskFormatException {
        int type = (int) Le.u32(b, p);
        int nonResident = Le.u8(b, p + 8);
        int nameLength = Le.u8(b, p + 9);
        int nameOffset = Le.u16(b, p + 10);
        int flags = Le.u16(b, p + 12);
        String where = record + " attribute 0x" + Integer.toHexString(type);
        String name = "";
        if (nameLength > 0) {
            if (nameOffset + 2 * nameLength > length) {
                throw new DiskFormatException(where + ": name lies outside the attribute");
            }
            name = Le.utf16(b, p + nameOffset, nameLength);
        }
        if (nonResident == 0) {
            long valueLength = Le.u32(b, p + 16);
            int valueOffset = Le.u16(b, p + 20);
            if (valueOffset > length || valueLength > length - valueOffset) {
                throw new DiskFormatException(where + ": resident value (" + valueLength + " bytes at "
                        + valueOffset + ") lies outside the attribute");
            }
            byte[] value = new byte[(int) valueLength];
            System.arraycopy(b, p + valueOffset, value, 0, value.length);
            return new Attribute(type, name, flags, true, value, 0, -1, List.of(), valueLength, valueLength,
                    valueLength, 0);
        }
        if (nonResident != 1 || length < 64) {
            throw new DiskFormatException(where + ": bad non-resident header");
        }
        long lowestVcn = Le.s64(b, p + 16);
        long highestVcn = Le.s64(b, p + 24);
        int runsOffset = Le.u16(b, p + 32);
        int compressionUnit = Le.u16(b, p + 34);
        long allocated = Le.s64(b, p + 40);
        long dataSize = Le.s64(b, p + 48);
        long initialized = Le.s64(b, p + 56);
        if (lowestVcn < 0 || highestVcn < lowestVcn - 1 || highestVcn >= volumeClusters
                || runsOffset < 64 || runsOffset > length) {
            throw new DiskFormatException(where + ": VCNs " + lowestVcn + "…" + highestVcn + " or runlist offset "
                    + runsOffset + " out of range");
        }
        if (lowestVcn == 0 && (dataSize < 0 || allocated < 0 || initialized < 0 || initialized > allocated
                || dataSize > allocated)) {
            throw new DiskFormatException(where + ": sizes (allocated " + allocated + ", data " + dataSize
                    + ", initialized " + initialized + ") are inconsistent");
        }
        List<DataRun> runs = RunListDecoder.decode(b, p + runsOffset, p + length, lowestVcn, highestVcn,
                volumeClusters, where);
        return new Attribute(type, name, flags, false, null, lowestVcn, highestVcn, List.copyOf(runs), allocated,
                dataSize, initialized, compressionUnit);
    }
}
