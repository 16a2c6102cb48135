package org.deskplane.delivery.iso.internal;

import java.util.List;

/** The two directory hierarchies of the image, which share file data but have their own names and extents. */
enum DirectoryTree {
    PRIMARY, JOLIET;

    List<Entry> children(Entry directory) {
        return this == PRIMARY ? directory.isoChildren : directory.jolietChildren;
    }

    byte[] identifier(Entry entry) {
        return this == PRIMARY ? entry.isoId : entry.jolietId;
    }

    /** First sector of the entry's data: a directory's extent in this tree, a file's (shared) data. */
    int extent(Entry entry) {
        if (!entry.isDirectory()) {
            return entry.extent;
        }
        return this == PRIMARY ? entry.extent : entry.jolietExtent;
    }

    long dataLength(Entry entry) {
        if (!entry.isDirectory()) {
            return entry.content.size();
        }
        return (long) (this == PRIMARY ? entry.directorySectors : entry.jolietDirectorySectors) * IsoFormat.SECTOR;
    }

    int directoryNumber(Entry directory) {
        return this == PRIMARY ? directory.directoryNumber : directory.jolietDirectoryNumber;
    }
}
