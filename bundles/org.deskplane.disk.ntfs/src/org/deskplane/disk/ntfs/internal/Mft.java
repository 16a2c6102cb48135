package org.deskplane.disk.ntfs.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.DiskFormatException;

/**
 * The master file table: records read through $MFT's own $DATA runs (so a fragmented MFT works), parsed
 * records kept in a bounded LRU.
 */
final class Mft {

    /** Parsed records kept: at 1 KiB per record about 4 MiB. */
    private static final int CACHE_RECORDS = 4096;

    private final BlockDevice volume;
    private final BootSector boot;
    private final ClusterStream stream;
    private final long recordCount;
    private final LruCache<Long, MftRecord> cache = new LruCache<>(CACHE_RECORDS);

    private Mft(BlockDevice volume, BootSector boot, ClusterStream stream) {
        this.volume = volume;
        this.boot = boot;
        this.stream = stream;
        this.recordCount = stream.size() / boot.mftRecordSize();
    }

    static Mft open(BlockDevice volume, BootSector boot) throws IOException {
        long at = boot.mftLcn() * boot.clusterSize();
        byte[] b = new byte[boot.mftRecordSize()];
        if (at > volume.size() - b.length) {
            throw new DiskFormatException("$MFT record 0 at byte " + at + " lies outside " + volume.describe());
        }
        volume.read(at, b, 0, b.length);
        MftRecord zero = MftRecord.parse(0, b, boot.clusterCount());
        List<Attribute> extents = new ArrayList<>(dataExtents(zero));
        Mft bootstrap = new Mft(volume, boot, ClusterStream.of(volume, boot.clusterSize(), extents, "$MFT $DATA"));
        // a very fragmented $MFT keeps further $DATA extents in extension records named by its attribute list;
        // the extents already known map those records (Windows keeps them early in the MFT)
        Attribute list = find(zero, Attribute.ATTRIBUTE_LIST);
        if (list == null) {
            return bootstrap;
        }
        for (AttributeListEntry e : AttributeListEntry.parse(bootstrap.attributeListBytes(list, "$MFT"),
                "$MFT $ATTRIBUTE_LIST")) {
            if (e.type() == Attribute.DATA && e.name().isEmpty() && e.recordNumber() != 0) {
                MftRecord ext = bootstrap.record(e.recordNumber());
                for (Attribute a : dataExtents(ext)) {
                    if (a.lowestVcn() == e.lowestVcn() && extents.stream().noneMatch(x -> x.lowestVcn() == a.lowestVcn())) {
                        extents.add(a);
                    }
                }
            }
        }
        return new Mft(volume, boot, ClusterStream.of(volume, boot.clusterSize(), extents, "$MFT $DATA"));
    }

    private static List<Attribute> dataExtents(MftRecord r) {
        List<Attribute> out = new ArrayList<>();
        for (Attribute a : r.attributes()) {
            if (a.type() == Attribute.DATA && a.name().isEmpty() && !a.resident()) {
                out.add(a);
            }
        }
        return out;
    }

    private static Attribute find(MftRecord r, int type) {
        for (Attribute a : r.attributes()) {
            if (a.type() == type) {
                return a;
            }
        }
        return null;
    }

    BlockDevice volume() {
        return volume;
    }

    BootSector boot() {
        return boot;
    }

    /** The parsed record {@code number}. */
    MftRecord record(long number) throws IOException {
        if (number < 0 || number >= recordCount) {
            throw new DiskFormatException("MFT record " + number + " lies beyond the MFT's " + recordCount
                    + " records");
        }
        MftRecord cached = cache.get(number);
        if (cached != null) {
            return cached;
        }
        byte[] b = new byte[boot.mftRecordSize()];
        stream.readFully(number * b.length, b, 0, b.length);
        MftRecord parsed = MftRecord.parse(number, b, boot.clusterCount());
        cache.put(number, parsed);
        return parsed;
    }

    /** The whole value of an $ATTRIBUTE_LIST (resident or not), bounded. */
    byte[] attributeListBytes(Attribute list, String owner) throws IOException {
        if (list.resident()) {
            return list.value();
        }
        if (list.dataSize() > AttributeListEntry.MAX_BYTES) {
            throw new DiskFormatException(owner + " $ATTRIBUTE_LIST of " + list.dataSize() + " bytes exceeds "
                    + AttributeListEntry.MAX_BYTES);
        }
        ClusterStream s = ClusterStream.of(volume, boot.clusterSize(), List.of(list), owner + " $ATTRIBUTE_LIST");
        byte[] b = new byte[(int) s.size()];
        s.readFully(0, b, 0, b.length);
        return b;
    }
}
