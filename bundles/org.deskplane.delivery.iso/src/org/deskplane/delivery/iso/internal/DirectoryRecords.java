package org.deskplane.delivery.iso.internal;

/**
 * Directory records (ECMA-119 9.1) and whole directory extents of one tree. Sizes are computed from names
 * alone (a CE entry has a fixed size wherever its area lands), so the layout can place every extent before
 * anything is written.
 */
final class DirectoryRecords {

    private static final int FIXED = 33;
    private static final int RR_ATTRIBUTES = RockRidge.PX_LENGTH + RockRidge.TF_LENGTH;

    private final DirectoryTree tree;
    private final boolean rockRidge;
    private final IsoTime time;

    DirectoryRecords(DirectoryTree tree, boolean rockRidge, IsoTime time) {
        this.tree = tree;
        this.rockRidge = rockRidge && tree == DirectoryTree.PRIMARY;
        this.time = time;
    }

    boolean rockRidge() {
        return rockRidge;
    }

    /** Whether the Rock Ridge name fits in the record itself; otherwise it goes to a continuation area. */
    boolean nameInline(Entry entry) {
        return base(tree.identifier(entry).length) + RR_ATTRIBUTES + RockRidge.nmLength(entry.utf8)
                <= IsoFormat.MAX_RECORD;
    }

    /** Bytes the entry's Rock Ridge name takes in a continuation area (0 when inline or without Rock Ridge). */
    int continuationLength(Entry entry) {
        return rockRidge && !nameInline(entry) ? RockRidge.nmLength(entry.utf8) : 0;
    }

    int recordLength(Entry entry) {
        int length = base(tree.identifier(entry).length);
        if (rockRidge) {
            length += RR_ATTRIBUTES + (nameInline(entry) ? RockRidge.nmLength(entry.utf8) : RockRidge.CE_LENGTH);
        }
        return even(length);
    }

    /** "." or ".." (identifier byte 0 or 1); the root's "." also carries SP and the CE leading to ER. */
    int dotLength(boolean rootDot) {
        int length = base(1);
        if (rockRidge) {
            length += RR_ATTRIBUTES + (rootDot ? RockRidge.SP_LENGTH + RockRidge.CE_LENGTH : 0);
        }
        return even(length);
    }

    /** Bytes of the directory's extent: records never straddle a sector, the extent is whole sectors. */
    long extentBytes(Entry directory) {
        long position = 0;
        position = place(position, dotLength(directory.isRoot()));
        position = place(position, dotLength(false));
        for (Entry child : tree.children(directory)) {
            position = place(position, recordLength(child));
        }
        return IsoFormat.sectors(position) * (long) IsoFormat.SECTOR;
    }

    private static long place(long position, int length) {
        long room = IsoFormat.SECTOR - position % IsoFormat.SECTOR;
        return (length > room ? position + room : position) + length;
    }

    /** The whole extent of {@code directory}; {@code rootContinuation} locates the ER area (root only). */
    void writeExtent(ByteSink out, Entry directory, int[] rootContinuation) {
        int start = out.size();
        ByteSink record = new ByteSink(256);
        dot(record, directory, directory.isRoot(), (byte) 0, rootContinuation);
        append(out, start, record);
        record = new ByteSink(256);
        dot(record, directory.isRoot() ? directory : directory.parent, false, (byte) 1, null);
        append(out, start, record);
        for (Entry child : tree.children(directory)) {
            record = new ByteSink(256);
            named(record, child);
            append(out, start, record);
        }
        out.padTo(IsoFormat.SECTOR);
    }

    private static void append(ByteSink out, int start, ByteSink record) {
        int used = (out.size() - start) % IsoFormat.SECTOR;
        if (used + record.size() > IsoFormat.SECTOR) {
            out.zeros(IsoFormat.SECTOR - used);
        }
        out.bytes(record.toArray());
    }

    private void dot(ByteSink out, Entry target, boolean rootDot, byte identifier, int[] rootContinuation) {
        int length = dotLength(rootDot);
        fixed(out, length, target, new byte[] {identifier});
        if (rockRidge) {
            if (rootDot) {
                RockRidge.sp(out); // must come first
            }
            RockRidge.px(out, target);
            RockRidge.tf(out, time);
            if (rootDot) {
                RockRidge.ce(out, rootContinuation[0], rootContinuation[1], RockRidge.ER_LENGTH);
            }
        }
        out.padTo(2);
    }

    private void named(ByteSink out, Entry entry) {
        byte[] identifier = tree.identifier(entry);
        fixed(out, recordLength(entry), entry, identifier);
        if (rockRidge) {
            RockRidge.px(out, entry);
            RockRidge.tf(out, time);
            if (nameInline(entry)) {
                RockRidge.nm(out, entry.utf8);
            } else {
                RockRidge.ce(out, entry.continuationBlock, entry.continuationOffset, entry.continuationLength);
            }
        }
        out.padTo(2);
    }

    /** The 34-byte root record a volume descriptor holds (no system use area there). */
    void rootRecord(ByteSink out, Entry root) {
        fixed(out, 34, root, new byte[] {0});
    }

    /** ECMA-119 9.1.1 to 9.1.12: everything before the system use area. */
    private void fixed(ByteSink out, int length, Entry target, byte[] identifier) {
        out.u8(length).u8(0).both32(tree.extent(target)).both32(tree.dataLength(target));
        time.recordDate(out);
        out.u8(target.isDirectory() ? IsoFormat.FLAG_DIRECTORY : 0).u8(0).u8(0).both16(1)
                .u8(identifier.length).bytes(identifier);
        if (identifier.length % 2 == 0) {
            out.u8(0); // padding so that the system use area starts at an even offset
        }
    }

    private static int base(int identifierLength) {
        return FIXED + identifierLength + (identifierLength % 2 == 0 ? 1 : 0);
    }

    private static int even(int length) {
        return length + (length & 1);
    }
}
