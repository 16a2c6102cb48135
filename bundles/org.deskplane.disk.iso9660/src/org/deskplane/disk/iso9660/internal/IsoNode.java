package org.deskplane.disk.iso9660.internal;

import java.time.Instant;
import java.util.List;

import org.deskplane.disk.api.FileType;

/**
 * A directory entry as the reader resolved it (name scheme applied, Rock Ridge merged, multi-extent records
 * joined): its data is the list of extents in file order.
 */
record IsoNode(String name, FileType type, long size, List<Extent> extents, Instant modified, Instant accessed,
        Instant created, String linkTarget, boolean hidden, boolean interleaved) {

    IsoNode {
        extents = List.copyOf(extents);
    }

    Extent directoryExtent() {
        return extents.get(0);
    }
}
