package org.deskplane.delivery.iso.internal;

import java.util.List;

/**
 * ECMA-119 9.4 path tables: every directory of one tree in level order (breadth first, siblings in record
 * order), numbered from 1, each naming its parent's number. Type L is little endian, type M big endian.
 */
final class PathTable {

    private PathTable() {
    }

    static long size(DirectoryTree tree, List<Entry> directories) {
        long size = 0;
        for (Entry directory : directories) {
            int length = directory.isRoot() ? 1 : tree.identifier(directory).length;
            size += 8 + length + (length & 1);
        }
        return size;
    }

    static void write(ByteSink out, DirectoryTree tree, List<Entry> directories, boolean bigEndian) {
        for (Entry directory : directories) {
            byte[] identifier = directory.isRoot() ? new byte[1] : tree.identifier(directory);
            int parent = directory.isRoot() ? 1 : tree.directoryNumber(directory.parent);
            out.u8(identifier.length).u8(0);
            if (bigEndian) {
                out.be32(tree.extent(directory)).be16(parent);
            } else {
                out.le32(tree.extent(directory)).le16(parent);
            }
            out.bytes(identifier);
            if ((identifier.length & 1) == 1) {
                out.u8(0);
            }
        }
        out.padTo(IsoFormat.SECTOR);
    }
}
