package org.deskplane.disk.ntfs.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.deskplane.disk.api.DiskFormatException;

/**
 * A file as the MFT describes it: its base record's attributes plus those its $ATTRIBUTE_LIST places in
 * extension records.
 */
final class NtfsNode {

    /** Extension records one file may use. */
    private static final int MAX_EXTENSION_RECORDS = 4096;

    private final long number;
    private final MftRecord base;
    private final List<Attribute> attributes;

    private NtfsNode(long number, MftRecord base, List<Attribute> attributes) {
        this.number = number;
        this.base = base;
        this.attributes = attributes;
    }

    static NtfsNode load(Mft mft, long number) throws IOException {
        MftRecord base = mft.record(number);
        String where = "MFT record " + number;
        if (!base.inUse()) {
            throw new DiskFormatException(where + " is referenced but not in use");
        }
        if (base.baseRecordNumber() != 0) {
            throw new DiskFormatException(where + " is an extension record of " + base.baseRecordNumber()
                    + ", not a file");
        }
        List<Attribute> all = new ArrayList<>(base.attributes());
        Attribute list = first(base.attributes(), Attribute.ATTRIBUTE_LIST, "");
        if (list != null) {
            Set<Long> extensions = new LinkedHashSet<>();
            for (AttributeListEntry e : AttributeListEntry.parse(mft.attributeListBytes(list, where),
                    where + " $ATTRIBUTE_LIST")) {
                if (e.recordNumber() != number) {
                    extensions.add(e.recordNumber());
                }
            }
            if (extensions.size() > MAX_EXTENSION_RECORDS) {
                throw new DiskFormatException(where + ": $ATTRIBUTE_LIST names " + extensions.size()
                        + " extension records (limit " + MAX_EXTENSION_RECORDS + ")");
            }
            for (long ext : extensions) {
                MftRecord r = mft.record(ext);
                if (!r.inUse() || r.baseRecordNumber() != number) {
                    throw new DiskFormatException(where + ": extension record " + ext
                            + " does not belong to it");
                }
                for (Attribute a : r.attributes()) {
                    if (a.type() != Attribute.ATTRIBUTE_LIST) {
                        all.add(a);
                    }
                }
            }
        }
        return new NtfsNode(number, base, List.copyOf(all));
    }

    private static Attribute first(List<Attribute> attributes, int type, String name) {
        for (Attribute a : attributes) {
            if (a.type() == type && a.name().equals(name) && a.lowestVcn() == 0) {
                return a;
            }
        }
        return null;
    }

    long number() {
        return number;
    }

    MftRecord base() {
        return base;
    }

    boolean isDirectoryRecord() {
        return (base.flags() & MftRecord.DIRECTORY) != 0;
    }

    /** The attribute of this type and name (its first extent when non-resident), or null. */
    Attribute attribute(int type, String name) {
        return first(attributes, type, name);
    }

    /** All extents of the attribute of this type and name. */
    List<Attribute> extents(int type, String name) {
        List<Attribute> out = new ArrayList<>();
        for (Attribute a : attributes) {
            if (a.type() == type && a.name().equals(name)) {
                out.add(a);
            }
        }
        return out;
    }

    List<Attribute> attributes(int type) {
        List<Attribute> out = new ArrayList<>();
        for (Attribute a : attributes) {
            if (a.type() == type) {
                out.add(a);
            }
        }
        return out;
    }
}
