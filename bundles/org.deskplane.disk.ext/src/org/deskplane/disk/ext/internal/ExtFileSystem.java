package org.deskplane.disk.ext.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.DiskFormatException;
import org.deskplane.disk.api.FileEntry;
import org.deskplane.disk.api.FileFlag;
import org.deskplane.disk.api.FileSystem;
import org.deskplane.disk.api.FileType;
import org.deskplane.disk.api.OpenFile;

/** Paths to inodes: resolves paths component by component (links never followed) and builds entries. */
final class ExtFileSystem implements FileSystem {

    private static final int MAX_SYMLINK_BYTES = 4096;

    private final ExtVolume volume;
    private final DirectoryReader directories;
    private final String description;

    ExtFileSystem(BlockDevice device) throws IOException {
        this.description = device.describe();
        this.volume = guard(() -> new ExtVolume(device));
        this.directories = new DirectoryReader(volume);
        guard(() -> {
            Inode root = volume.inode(InodeTable.ROOT);
            if (root.type() != FileType.DIRECTORY) {
                throw new DiskFormatException("ext root inode of " + description + " is not a directory");
            }
            return root;
        });
    }

    @Override
    public String type() {
        return volume.superblock().typeName();
    }

    @Override
    public String label() {
        return volume.superblock().label();
    }

    @Override
    public FileEntry stat(String path) throws IOException {
        return guard(() -> {
            String normal = normalise(path);
            return entry(normal, resolve(normal));
        });
    }

    @Override
    public List<FileEntry> list(String path) throws IOException {
        return guard(() -> {
            String normal = normalise(path);
            Inode dir = resolve(normal);
            if (dir.type() != FileType.DIRECTORY) {
                throw new NotDirectoryException(normal);
            }
            String prefix = normal.equals("/") ? "/" : normal + "/";
            List<FileEntry> entries = new ArrayList<>();
            directories.read(dir, (number, name, type) -> {
                entries.add(entry(prefix + decode(name), volume.inode(checkedInode(dir, number, name))));
                return true;
            });
            return entries;
        });
    }

    @Override
    public OpenFile open(String path) throws IOException {
        return guard(() -> {
            String normal = normalise(path);
            Inode inode = resolve(normal);
            FileEntry entry = entry(normal, inode);
            if (inode.type() != FileType.FILE) {
                throw new IOException(normal + " is not a regular file (" + entry.type() + ")");
            }
            if (inode.hasFlag(Inode.FLAG_ENCRYPT)) {
                throw new IOException(normal + " is encrypted (ext4 fscrypt); its contents cannot be read here");
            }
            return new ExtOpenFile(entry, inode, volume);
        });
    }

    @Override
    public void close() {
        // nothing to release: the caller owns the volume, the cache goes with this object
    }

    private Inode resolve(String path) throws IOException {
        Inode current = volume.inode(InodeTable.ROOT);
        if (path.equals("/")) {
            return current;
        }
        StringBuilder walked = new StringBuilder();
        for (String component : path.substring(1).split("/")) {
            if (current.type() != FileType.DIRECTORY) {
                throw new NotDirectoryException(walked.toString());
            }
            walked.append('/').append(component);
            long child = lookup(current, component.getBytes(StandardCharsets.UTF_8));
            if (child == 0) {
                throw new NoSuchFileException(walked.toString());
            }
            current = volume.inode(child);
        }
        return current;
    }

    private long lookup(Inode dir, byte[] name) throws IOException {
        long[] found = { 0 };
        directories.read(dir, (number, entryName, type) -> {
            if (Arrays.equals(entryName, name)) {
                found[0] = checkedInode(dir, number, entryName);
                return false;
            }
            return true;
        });
        return found[0];
    }

    private long checkedInode(Inode dir, long number, byte[] name) throws DiskFormatException {
        if (number > volume.superblock().inodesCount()) {
            throw new DiskFormatException("ext directory inode " + dir.number() + ": entry '" + decode(name)
                    + "' refers to inode " + number + ", beyond the " + volume.superblock().inodesCount() + " inodes");
        }
        return number;
    }

    private FileEntry entry(String path, Inode inode) throws IOException {
        String name = path.equals("/") ? "" : path.substring(path.lastIndexOf('/') + 1);
        FileType type = inode.type();
        String target = type == FileType.SYMLINK ? linkTarget(inode) : null;
        return new FileEntry(name, path, type, inode.size(), inode.modified(), inode.accessed(), inode.created(),
                target, flags(inode));
    }

    private Set<FileFlag> flags(Inode inode) {
        Set<FileFlag> flags = EnumSet.noneOf(FileFlag.class);
        if (inode.hasFlag(Inode.FLAG_INLINE_DATA)) {
            flags.add(FileFlag.INLINE);
        } else if (inode.type() == FileType.FILE) {
            // fewer blocks allocated than the size needs means holes (metadata blocks only make this conservative)
            long needed = (inode.size() + volume.blockSize() - 1) / volume.blockSize();
            if (inode.allocatedBytes() / volume.blockSize() < needed) {
                flags.add(FileFlag.SPARSE);
            }
        }
        if (inode.hasFlag(Inode.FLAG_ENCRYPT)) {
            flags.add(FileFlag.ENCRYPTED);
        }
        if (inode.hasFlag(Inode.FLAG_IMMUTABLE)) {
            flags.add(FileFlag.READ_ONLY);
        }
        return flags;
    }

    /** Fast symlinks keep the target in the block area; longer ones in a data block (or inline data). */
    private String linkTarget(Inode inode) throws IOException {
        long size = inode.size();
        if (size > MAX_SYMLINK_BYTES) {
            throw new DiskFormatException("ext symlink inode " + inode.number() + " has a " + size
                    + "-byte target, beyond " + MAX_SYMLINK_BYTES);
        }
        byte[] bytes;
        if (inode.hasFlag(Inode.FLAG_INLINE_DATA)) {
            bytes = InlineData.content(inode);
        } else if (size < Inode.BLOCK_AREA_SIZE && !(inode.hasFlag(Inode.FLAG_EXTENTS)
                && Bytes.u16(inode.blockArea(), 0) == ExtentTreeMap.MAGIC)) {
            bytes = Arrays.copyOf(inode.blockArea(), (int) size);
        } else {
            bytes = new byte[(int) size];
            try (ExtOpenFile data = new ExtOpenFile(null, inode, volume)) {
                int done = 0;
                while (done < size) {
                    done += data.read(done, bytes, done, (int) size - done);
                }
            }
        }
        return decode(bytes);
    }

    private static String decode(byte[] name) {
        return new String(name, StandardCharsets.UTF_8);
    }

    private static String normalise(String path) throws NoSuchFileException {
        if (path == null || !path.startsWith("/")) {
            throw new NoSuchFileException(String.valueOf(path), null, "not an absolute path");
        }
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (trimmed.contains("//")) {
            throw new NoSuchFileException(path, null, "empty path component");
        }
        return trimmed;
    }

    private interface Action<T> {
        T run() throws IOException;
    }

    /** Any runtime failure while parsing image bytes is corruption: report it as such, never raw. */
    private <T> T guard(Action<T> action) throws IOException {
        try {
            return action.run();
        } catch (RuntimeException e) {
            throw new DiskFormatException("ext file system on " + description + " is corrupt: " + e, e);
        }
    }
}
