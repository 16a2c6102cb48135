package org.deskplane.disk.iso9660.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.deskplane.disk.api.DiskFormatException;
import org.deskplane.disk.api.FileType;

/**
 * Reads a directory extent into {@link IsoNode}s: walks its records block by block (a record never crosses a
 * block; a zero length byte ends the block), joins multi-extent records, applies the name scheme and Rock Ridge.
 */
final class DirectoryReader {

    /** A directory extent larger than this is refused (real ones are kilobytes). */
    static final long MAX_DIRECTORY_BYTES = 16L * 1024 * 1024;
    static final int MAX_ENTRIES = 100_000;
    /** Multi-extent files use one record per 4 GiB - 2 KiB; 4096 extents is far beyond any disc. */
    static final int MAX_EXTENTS_PER_FILE = 4096;

    private final BlockCache cache;
    private final NameScheme scheme;
    private final SystemUseReader systemUse;

    /** @param systemUse reads SUSP entries, or null when the tree has no Rock Ridge */
    DirectoryReader(BlockCache cache, NameScheme scheme, SystemUseReader systemUse) {
        this.cache = cache;
        this.scheme = scheme;
        this.systemUse = systemUse;
    }

    NameScheme scheme() {
        return scheme;
    }

    int blockSize() {
        return cache.blockSize();
    }

    /** The root: its extent from the descriptor, its Rock Ridge times from its own "." record. */
    IsoNode root(DirectoryRecord descriptorRoot) throws IOException {
        Extent extent = new Extent(descriptorRoot.extentBlock() + descriptorRoot.extendedAttributeBlocks(),
                descriptorRoot.dataLength());
        DirectoryRecord self = firstRecord(extent.block(), "ISO 9660 root directory");
        RockRidge rr = rockRidge(self, "ISO 9660 root directory");
        return new IsoNode("", FileType.DIRECTORY, extent.length(), List.of(extent),
                rr.modified() != null ? rr.modified() : descriptorRoot.recorded(), rr.accessed(), rr.created(), null,
                false, false);
    }

    /** The "." record at the start of the directory at {@code block}. */
    DirectoryRecord firstRecord(long block, String where) throws IOException {
        byte[] bytes = cache.block(block, where);
        int length = Bytes.u8(bytes, 0);
        if (length < DirectoryRecord.MIN_LENGTH) {
            throw new DiskFormatException(where + " at block " + block + " does not start with a directory record");
        }
        return DirectoryRecord.parse(bytes, 0, length, where + " at block " + block);
    }

    List<IsoNode> read(IsoNode directory, String path) throws IOException {
        Extent extent = directory.directoryExtent();
        String where = "ISO 9660 directory " + path;
        if (extent.length() > MAX_DIRECTORY_BYTES) {
            throw new DiskFormatException(where + ": extent of " + extent.length() + " bytes exceeds the limit of "
                    + MAX_DIRECTORY_BYTES);
        }
        int blockSize = cache.blockSize();
        long blocks = (extent.length() + blockSize - 1) / blockSize;
        List<IsoNode> nodes = new ArrayList<>();
        List<DirectoryRecord> pending = new ArrayList<>();
        int records = 0;
        for (long i = 0; i < blocks; i++) {
            byte[] block = cache.block(extent.block() + i, where);
            int limit = (int) Math.min(blockSize, extent.length() - i * blockSize);
            int pos = 0;
            while (pos < limit) {
                int length = Bytes.u8(block, pos);
                if (length == 0) {
                    break; // the rest of this block is padding
                }
                String recordWhere = where + " record at block " + (extent.block() + i) + " offset " + pos;
                if (length < DirectoryRecord.MIN_LENGTH || pos + length > limit) {
                    throw new DiskFormatException(recordWhere + ": length " + length + " does not fit its block");
                }
                if (++records > MAX_ENTRIES) {
                    throw new DiskFormatException(where + ": more than " + MAX_ENTRIES + " entries");
                }
                DirectoryRecord record = DirectoryRecord.parse(block, pos, length, recordWhere);
                pos += length;
                if (record.isSelf() || record.isParent()) {
                    continue;
                }
                pending.add(record);
                if (pending.size() > MAX_EXTENTS_PER_FILE) {
                    throw new DiskFormatException(recordWhere + ": a file of more than " + MAX_EXTENTS_PER_FILE
                            + " extents");
                }
                if (!record.isNotFinal()) {
                    IsoNode node = node(pending, recordWhere);
                    if (node != null) {
                        nodes.add(node);
                    }
                    pending.clear();
                }
            }
        }
        if (!pending.isEmpty()) {
            throw new DiskFormatException(where + ": a multi-extent file's last record is missing");
        }
        return nodes;
    }

    /** One entry from its records (more than one for a multi-extent file); null for a hidden relocated copy. */
    private IsoNode node(List<DirectoryRecord> records, String where) throws IOException {
        DirectoryRecord last = records.get(records.size() - 1);
        DirectoryRecord first = records.get(0);
        RockRidge rr = rockRidge(first, where);
        if (rr.relocated()) {
            return null; // a directory moved by deep-path relocation: shown where its CL entry is
        }
        String name = rr.name() != null ? rr.name() : scheme.decode(first.name());
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/")) {
            throw new DiskFormatException(where + ": invalid name \"" + name + "\"");
        }
        List<Extent> extents = new ArrayList<>();
        long size = 0;
        for (DirectoryRecord record : records) {
            extents.add(new Extent(record.extentBlock() + record.extendedAttributeBlocks(), record.dataLength()));
            size += record.dataLength();
        }
        FileType type = type(last, rr);
        if (rr.childLinkBlock() != null) {
            // a deep directory relocated elsewhere: its real extent is the one CL names
            DirectoryRecord self = firstRecord(rr.childLinkBlock(), where + " relocated directory");
            extents = List.of(new Extent(rr.childLinkBlock(), self.dataLength()));
            size = self.dataLength();
            type = FileType.DIRECTORY;
        }
        if (type == FileType.DIRECTORY && extents.size() != 1) {
            throw new DiskFormatException(where + ": a directory with " + extents.size() + " extents");
        }
        String link = type == FileType.SYMLINK ? (rr.linkTarget() == null ? "" : rr.linkTarget()) : null;
        if (link != null) {
            size = link.getBytes(StandardCharsets.UTF_8).length;
        } else if (type == FileType.OTHER) {
            size = 0;
        }
        return new IsoNode(name, type, size, extents, rr.modified() != null ? rr.modified() : last.recorded(),
                rr.accessed(), rr.created(), link, (last.flags() & DirectoryRecord.FLAG_HIDDEN) != 0,
                last.fileUnitSize() != 0);
    }

    private static FileType type(DirectoryRecord record, RockRidge rr) {
        if (rr.mode() == null) {
            return record.isDirectory() ? FileType.DIRECTORY : FileType.FILE;
        }
        long format = rr.mode() & RockRidge.S_IFMT;
        if (format == RockRidge.S_IFDIR) {
            return FileType.DIRECTORY;
        }
        if (format == RockRidge.S_IFREG) {
            return record.isDirectory() ? FileType.DIRECTORY : FileType.FILE;
        }
        return format == RockRidge.S_IFLNK ? FileType.SYMLINK : FileType.OTHER;
    }

    private RockRidge rockRidge(DirectoryRecord record, String where) throws IOException {
        if (systemUse == null || record.systemUse().length == 0) {
            return RockRidge.NONE;
        }
        return RockRidge.of(systemUse.entries(record.systemUse(), where), where);
    }
}
