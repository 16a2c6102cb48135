package org.deskplane.disk.ntfs.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import org.deskplane.disk.api.DiskFormatException;
import org.deskplane.disk.api.FileEntry;
import org.deskplane.disk.api.FileFlag;
import org.deskplane.disk.api.FileType;

/** Describes a file from its MFT record: type, size, times and flags as a {@link FileEntry}. */
final class EntryFactory {

    private static final long READ_ONLY = 0x0001;
    private static final long HIDDEN = 0x0002;
    private static final long SYSTEM = 0x0004;
    private static final long SPARSE = 0x0200;
    private static final long REPARSE = 0x0400;
    private static final long COMPRESSED = 0x0800;
    private static final long ENCRYPTED = 0x4000;
    /** ntfs-3g's older symlink format: a SYSTEM file holding "IntxLNK\1" and the UTF-16 target. */
    private static final byte[] INTERIX_LINK = "IntxLNK\u0001".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_INTERIX_LINK = 8192;

    private final Mft mft;

    EntryFactory(Mft mft) {
        this.mft = mft;
    }

    /** The file a directory entry points at, checking the reference's sequence number. */
    NtfsNode node(DirectoryIndex.Entry e) throws IOException {
        NtfsNode node = NtfsNode.load(mft, e.recordNumber());
        int sequence = (int) (e.reference() >>> 48);
        if (sequence != 0 && sequence != node.base().sequence()) {
            throw new DiskFormatException("directory entry \"" + e.fileName().name() + "\" points at MFT record "
                    + e.recordNumber() + " sequence " + sequence + " but the record is at sequence "
                    + node.base().sequence() + " (stale entry)");
        }
        return node;
    }

    FileEntry describe(DirectoryIndex.Entry e, String path) throws IOException {
        return describe(e, node(e), path);
    }

    FileEntry describe(DirectoryIndex.Entry e, NtfsNode node, String path) throws IOException {
        return describe(e.fileName().name(), node, path);
    }

    FileEntry root(NtfsNode node) throws IOException {
        return describe("", node, "/");
    }

    private FileEntry describe(String name, NtfsNode node, String path) throws IOException {
        Attribute si = node.attribute(Attribute.STANDARD_INFORMATION, "");
        Instant created = null;
        Instant modified = null;
        Instant accessed = null;
        long attributes = 0;
        if (si != null && si.resident() && si.value().length >= 36) {
            byte[] v = si.value();
            created = NtfsTime.toInstant(Le.s64(v, 0));
            modified = NtfsTime.toInstant(Le.s64(v, 8));
            accessed = NtfsTime.toInstant(Le.s64(v, 24));
            attributes = Le.u32(v, 32);
        }
        Set<FileFlag> flags = EnumSet.noneOf(FileFlag.class);
        flag(flags, attributes, READ_ONLY, FileFlag.READ_ONLY);
        flag(flags, attributes, HIDDEN, FileFlag.HIDDEN);
        flag(flags, attributes, SYSTEM, FileFlag.SYSTEM);
        flag(flags, attributes, SPARSE, FileFlag.SPARSE);
        flag(flags, attributes, COMPRESSED, FileFlag.COMPRESSED);
        flag(flags, attributes, ENCRYPTED, FileFlag.ENCRYPTED);

        Attribute reparse = node.attribute(Attribute.REPARSE_POINT, "");
        if (reparse != null) {
            ReparsePoint point = ReparsePoint.parse(streamBytes(reparse, node, "$REPARSE_POINT"),
                    "MFT record " + node.number());
            if (point.isLink()) {
                return link(name, path, point.target(), modified, accessed, created, flags);
            }
            return new FileEntry(name, path, FileType.OTHER, 0, modified, accessed, created, null, flags);
        }
        if (node.isDirectoryRecord()) {
            return new FileEntry(name, path, FileType.DIRECTORY, 0, modified, accessed, created, null, flags);
        }
        Attribute data = node.attribute(Attribute.DATA, "");
        long size = 0;
        if (data != null) {
            size = data.size();
            if (data.resident()) {
                flags.add(FileFlag.INLINE);
            } else {
                flag(flags, data.flags(), Attribute.FLAG_COMPRESSED, FileFlag.COMPRESSED);
                flag(flags, data.flags(), Attribute.FLAG_ENCRYPTED, FileFlag.ENCRYPTED);
                flag(flags, data.flags(), Attribute.FLAG_SPARSE, FileFlag.SPARSE);
                for (Attribute extent : node.extents(Attribute.DATA, "")) {
                    if (extent.runs().stream().anyMatch(DataRun::isHole)
                            && !flags.contains(FileFlag.COMPRESSED)) {
                        flags.add(FileFlag.SPARSE);
                    }
                }
            }
            String interix = (attributes & SYSTEM) != 0 && (attributes & REPARSE) == 0 ? interixTarget(node, data)
                    : null;
            if (interix != null) {
                return link(name, path, interix, modified, accessed, created, flags);
            }
        }
        return new FileEntry(name, path, FileType.FILE, size, modified, accessed, created, null, flags);
    }

    private static FileEntry link(String name, String path, String target, Instant modified, Instant accessed,
            Instant created, Set<FileFlag> flags) {
        return new FileEntry(name, path, FileType.SYMLINK, target.getBytes(StandardCharsets.UTF_8).length,
                modified, accessed, created, target, flags);
    }

    private String interixTarget(NtfsNode node, Attribute data) throws IOException {
        long size = data.size();
        if (size < INTERIX_LINK.length + 2 || size > MAX_INTERIX_LINK || (size & 1) != 0
                || (data.flags() & (Attribute.FLAG_COMPRESSED | Attribute.FLAG_ENCRYPTED)) != 0) {
            return null;
        }
        byte[] b = new byte[(int) size];
        FileData.of(mft, node).read(0, b, 0, b.length);
        for (int i = 0; i < INTERIX_LINK.length; i++) {
            if (b[i] != INTERIX_LINK[i]) {
                return null;
            }
        }
        return Le.utf16(b, INTERIX_LINK.length, (b.length - INTERIX_LINK.length) / 2);
    }

    /** The whole value of a small attribute (resident, or non-resident up to 64 KiB). */
    private byte[] streamBytes(Attribute a, NtfsNode node, String what) throws IOException {
        if (a.resident()) {
            return a.value();
        }
        if (a.dataSize() > 65536) {
            throw new DiskFormatException("MFT record " + node.number() + " " + what + " of " + a.dataSize()
                    + " bytes is too large");
        }
        ClusterStream s = ClusterStream.of(mft.volume(), mft.boot().clusterSize(),
                node.extents(a.type(), a.name()), "MFT record " + node.number() + " " + what);
        byte[] b = new byte[(int) s.size()];
        s.readFully(0, b, 0, b.length);
        return b;
    }

    private static void flag(Set<FileFlag> flags, long bits, long mask, FileFlag flag) {
        if ((bits & mask) != 0) {
            flags.add(flag);
        }
    }
}
