package org.deskplane.disk.ntfs.internal;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.DiskFormatException;
import org.deskplane.disk.api.FileEntry;
import org.deskplane.disk.api.FileSystem;
import org.deskplane.disk.api.FileType;
import org.deskplane.disk.api.OpenFile;

/** A read-only NTFS volume: resolves paths through directory indexes and describes files from their records. */
final class NtfsFileSystem implements FileSystem {

    static final long ROOT = 5;
    private static final long VOLUME = 3;
    /** Records below this are the metafiles ($MFT … $Extend and reserved ones), hidden from the root. */
    private static final long FIRST_USER_RECORD = 16;
    private static final int MAX_PATH_COMPONENTS = 4096;
    /** Directories whose lookup map is cached, and the size above which a directory is not cached. */
    private static final int CACHED_DIRECTORIES = 256;
    private static final int CACHED_DIRECTORY_MAX_ENTRIES = 20_000;

    private final BlockDevice volume;
    private final Mft mft;
    private final String label;
    private final EntryFactory entries;
    private final LruCache<Long, Directory> directories = new LruCache<>(CACHED_DIRECTORIES);

    /** A directory's visible entries in index order and a case-folded name → entry map for lookup. */
    private record Directory(List<DirectoryIndex.Entry> entries, Map<String, DirectoryIndex.Entry> byName) {
    }

    private NtfsFileSystem(BlockDevice volume, Mft mft, String label) {
        this.volume = volume;
        this.mft = mft;
        this.label = label;
        this.entries = new EntryFactory(mft);
    }

    static NtfsFileSystem open(BlockDevice volume) throws IOException {
        try {
            BootSector boot = BootSector.read(volume);
            Mft mft = Mft.open(volume, boot);
            NtfsNode vol = NtfsNode.load(mft, VOLUME);
            Attribute name = vol.attribute(Attribute.VOLUME_NAME, "");
            String label = name == null || !name.resident() ? ""
                    : Le.utf16(name.value(), 0, name.value().length / 2);
            NtfsFileSystem fs = new NtfsFileSystem(volume, mft, label);
            NtfsNode root = NtfsNode.load(mft, ROOT);
            if (root.attribute(Attribute.INDEX_ROOT, DirectoryIndex.I30) == null) {
                throw new DiskFormatException("NTFS root directory (MFT record 5) has no $I30 index");
            }
            return fs;
        } catch (RuntimeException e) {
            throw new DiskFormatException("NTFS on " + volume.describe() + ": corrupt metadata (" + e + ")", e);
        }
    }

    @Override
    public String type() {
        return "ntfs";
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public FileEntry stat(String path) throws IOException {
        return guard(() -> resolve(path).entry, path);
    }

    @Override
    public List<FileEntry> list(String path) throws IOException {
        return guard(() -> {
            Resolved dir = resolve(path);
            if (dir.entry.type() != FileType.DIRECTORY) {
                throw new NotDirectoryException(path);
            }
            String prefix = dir.entry.path().equals("/") ? "/" : dir.entry.path() + "/";
            List<FileEntry> out = new ArrayList<>();
            for (DirectoryIndex.Entry e : directory(dir.node).entries()) {
                out.add(entries.describe(e, prefix + e.fileName().name()));
            }
            return out;
        }, path);
    }

    @Override
    public OpenFile open(String path) throws IOException {
        return guard(() -> {
            Resolved r = resolve(path);
            FileEntry entry = r.entry;
            if (entry.type() != FileType.FILE) {
                throw new IOException(path + " is not a regular file (" + entry.type() + ")");
            }
            NtfsNode node = r.node;
            Attribute data = node.attribute(Attribute.DATA, "");
            if (data == null) {
                throw new DiskFormatException("NTFS file " + path + " (MFT record " + node.number()
                        + ") has no $DATA attribute");
            }
            if ((data.flags() & Attribute.FLAG_ENCRYPTED) != 0
                    || entry.flags().contains(org.deskplane.disk.api.FileFlag.ENCRYPTED)) {
                throw new IOException(path + " is NTFS-encrypted (EFS); its contents cannot be read here");
            }
            if ((data.flags() & Attribute.FLAG_COMPRESSED) != 0 && !data.resident()) {
                throw new IOException(path + " is NTFS-compressed; reading compressed files is not supported");
            }
            return new NtfsOpenFile(entry, FileData.of(mft, node), this);
        }, path);
    }

    @Override
    public void close() {
        // the caller owns the volume
    }

    /** What a path names: its record and entry. */
    private record Resolved(NtfsNode node, FileEntry entry) {
    }

    private Resolved resolve(String path) throws IOException {
        if (path == null || !path.startsWith("/")) {
            throw new NoSuchFileException(String.valueOf(path), null, "not an absolute path");
        }
        NtfsNode node = NtfsNode.load(mft, ROOT);
        FileEntry entry = entries.root(node);
        String[] parts = path.split("/");
        if (parts.length > MAX_PATH_COMPONENTS) {
            throw new NoSuchFileException(path, null, "too many path components");
        }
        StringBuilder sofar = new StringBuilder();
        for (String part : parts) {
            if (part.isEmpty()) {
                continue;
            }
            if (entry.type() != FileType.DIRECTORY) {
                throw new NotDirectoryException(sofar.toString());
            }
            DirectoryIndex.Entry found = directory(node).byName().get(Names.fold(part));
            if (found == null) {
                throw new NoSuchFileException(path);
            }
            sofar.append('/').append(found.fileName().name());
            node = entries.node(found);
            entry = entries.describe(found, node, sofar.toString());
        }
        return new Resolved(node, entry);
    }

    /** The visible entries of a directory: metafiles, the root's self entry and DOS twins of long names left out. */
    private Directory directory(NtfsNode dir) throws IOException {
        Directory cached = directories.get(dir.number());
        if (cached != null) {
            return cached;
        }
        List<DirectoryIndex.Entry> all = DirectoryIndex.read(mft, dir);
        Set<Long> withLongName = new HashSet<>();
        for (DirectoryIndex.Entry e : all) {
            if (e.fileName().namespace() != FileName.DOS) {
                withLongName.add(e.recordNumber());
            }
        }
        List<DirectoryIndex.Entry> visible = new ArrayList<>();
        Map<String, DirectoryIndex.Entry> byName = new HashMap<>();
        for (DirectoryIndex.Entry e : all) {
            long record = e.recordNumber();
            if (record == dir.number() || (dir.number() == ROOT && record < FIRST_USER_RECORD)) {
                continue;
            }
            if (e.fileName().namespace() == FileName.DOS && withLongName.contains(record)) {
                continue;
            }
            visible.add(e);
            byName.putIfAbsent(Names.fold(e.fileName().name()), e);
        }
        Directory d = new Directory(List.copyOf(visible), byName);
        if (all.size() <= CACHED_DIRECTORY_MAX_ENTRIES) {
            directories.put(dir.number(), d);
        }
        return d;
    }

    /** Work that parses image bytes. */
    interface Parse<T> {
        T run() throws IOException;
    }

    /** Runs parse work, turning a runtime exception caused by bad bytes into a DiskFormatException. */
    <T> T guard(Parse<T> work, String path) throws IOException {
        try {
            return work.run();
        } catch (RuntimeException e) {
            throw new DiskFormatException("NTFS on " + volume.describe() + ", " + path + ": corrupt metadata ("
                    + e + ")", e);
        } catch (StackOverflowError e) {
            throw new DiskFormatException("NTFS on " + volume.describe() + ", " + path + ": structure too deep",
                    e);
        }
    }
}
