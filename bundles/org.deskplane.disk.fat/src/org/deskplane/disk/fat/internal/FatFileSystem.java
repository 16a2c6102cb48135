package org.deskplane.disk.fat.internal;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.DiskFormatException;
import org.deskplane.disk.api.FileEntry;
import org.deskplane.disk.api.FileFlag;
import org.deskplane.disk.api.FileSystem;
import org.deskplane.disk.api.FileType;
import org.deskplane.disk.api.OpenFile;

/**
 * A FAT volume opened read-only: resolves paths case-insensitively through {@link DirectoryReader}, refuses a
 * directory that contains one of its own ancestors, and opens files over their checked {@link ClusterChain}.
 * Any RuntimeException that corrupt bytes might still cause leaves as a {@link DiskFormatException}.
 */
final class FatFileSystem implements FileSystem {

    private final BlockDevice volume;
    private final BootSector boot;
    private final FatTable fat;
    private final DirectoryReader directories;
    private final String label;
    private volatile boolean closed;

    FatFileSystem(BlockDevice volume, BootSector boot) throws IOException {
        this.volume = volume;
        this.boot = boot;
        this.fat = new FatTable(volume, boot);
        this.directories = new DirectoryReader(volume, boot, fat);
        this.label = guard(() -> {
            String rootLabel = directories.root().volumeLabel();
            return rootLabel != null && !rootLabel.isEmpty() ? rootLabel : boot.bpbLabel;
        });
    }

    @Override
    public String type() {
        return "fat";
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public FileEntry stat(String path) throws IOException {
        return guard(() -> {
            Resolved r = resolve(path);
            return r.entry == null ? rootEntry() : toFileEntry(r.entry, r.path);
        });
    }

    @Override
    public List<FileEntry> list(String path) throws IOException {
        return guard(() -> {
            Resolved r = resolve(path);
            if (r.entry != null && !r.entry.isDirectory()) {
                throw new NotDirectoryException(path);
            }
            List<FileEntry> result = new ArrayList<>();
            String prefix = r.path.equals("/") ? "/" : r.path + "/";
            for (FatDirEntry e : entriesOf(r.entry, r.path)) {
                result.add(toFileEntry(e, prefix + e.name()));
            }
            return result;
        });
    }

    @Override
    public OpenFile open(String path) throws IOException {
        return guard(() -> {
            Resolved r = resolve(path);
            if (r.entry == null || r.entry.isDirectory()) {
                throw new IOException(path + " is a directory, not a regular file");
            }
            FileEntry entry = toFileEntry(r.entry, r.path);
            long clusters = (r.entry.size() + boot.clusterSize - 1) / boot.clusterSize;
            if (clusters == 0) {
                return new FatOpenFile(volume, boot, entry, null);
            }
            String owner = "file " + r.path + " of " + volume.describe();
            if (clusters > boot.clusterCount) {
                throw new DiskFormatException(owner + ": size " + r.entry.size() + " needs " + clusters
                        + " clusters, the volume has " + boot.clusterCount);
            }
            return new FatOpenFile(volume, boot, entry,
                    ClusterChain.walk(fat, r.entry.firstCluster(), clusters, owner));
        });
    }

    @Override
    public void close() {
        closed = true;
    }

    /** Where a path leads: its normalised text and its entry (null for the root). */
    private record Resolved(String path, FatDirEntry entry) {
    }

    private Resolved resolve(String path) throws IOException {
        if (closed) {
            throw new IOException("FAT file system of " + volume.describe() + " is closed");
        }
        if (path == null || !path.startsWith("/")) {
            throw new NoSuchFileException(path, null, "not an absolute path");
        }
        FatDirEntry current = null;
        StringBuilder walked = new StringBuilder();
        // first clusters of the directories on the way: a directory that names one of them again is a cycle
        Set<Long> ancestors = new HashSet<>();
        ancestors.add(boot.type == FatType.FAT32 ? boot.rootCluster : 0L);
        for (String component : path.split("/")) {
            if (component.isEmpty()) {
                continue;
            }
            if (current != null && !current.isDirectory()) {
                throw new NotDirectoryException(walked.toString());
            }
            FatDirEntry found = null;
            for (FatDirEntry e : entriesOf(current, walked.isEmpty() ? "/" : walked.toString())) {
                if (e.matches(component)) {
                    found = e;
                    break;
                }
            }
            walked.append('/').append(found == null ? component : found.name());
            if (found == null) {
                throw new NoSuchFileException(path);
            }
            if (found.isDirectory() && !ancestors.add(found.firstCluster())) {
                throw new DiskFormatException(boot.type + " directory " + walked + " of " + volume.describe()
                        + " starts at cluster " + found.firstCluster() + ", which one of its parents uses: a cycle");
            }
            current = found;
        }
        return new Resolved(walked.isEmpty() ? "/" : walked.toString(), current);
    }

    /** The entries of directory {@code dir} (null: the root). */
    private List<FatDirEntry> entriesOf(FatDirEntry dir, String path) throws IOException {
        if (dir == null) {
            return directories.root().entries();
        }
        if (dir.firstCluster() == 0) {
            throw new DiskFormatException(boot.type + " directory " + path + " of " + volume.describe()
                    + " has no first cluster");
        }
        return directories.read(dir.firstCluster(), path).entries();
    }

    private static FileEntry rootEntry() {
        return new FileEntry("", "/", FileType.DIRECTORY, 0, null, null, null, null, Set.of());
    }

    private static FileEntry toFileEntry(FatDirEntry e, String path) {
        Set<FileFlag> flags = EnumSet.noneOf(FileFlag.class);
        if ((e.attributes() & FatDirEntry.HIDDEN) != 0) {
            flags.add(FileFlag.HIDDEN);
        }
        if ((e.attributes() & FatDirEntry.SYSTEM) != 0) {
            flags.add(FileFlag.SYSTEM);
        }
        if ((e.attributes() & FatDirEntry.READ_ONLY) != 0) {
            flags.add(FileFlag.READ_ONLY);
        }
        return new FileEntry(e.name(), path, e.isDirectory() ? FileType.DIRECTORY : FileType.FILE,
                e.isDirectory() ? 0 : e.size(), e.modified(), e.accessed(), e.created(), null, flags);
    }

    interface Body<T> {
        T run() throws IOException;
    }

    /** Runs parse code so that a RuntimeException from bad bytes becomes a DiskFormatException. */
    <T> T guard(Body<T> body) throws IOException {
        try {
            return body.run();
        } catch (RuntimeException e) {
            throw new DiskFormatException("corrupt FAT data on " + volume.describe() + ": " + e, e);
        }
    }
}
