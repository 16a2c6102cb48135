package org.deskplane.disk.iso9660.internal;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.ArrayList;
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

/**
 * An ISO 9660 volume, read through one tree: the primary tree with Rock Ridge when the image has it (full
 * POSIX names of any length, modes, times, symbolic links), else Joliet's Unicode tree, else the plain primary
 * tree. Holds no mutable state but the block cache, so concurrent reads are safe.
 */
final class Iso9660FileSystem implements FileSystem {

    /** A path deeper than this is refused rather than walked (ISO 9660 itself stops at 8, Rock Ridge at ~255). */
    static final int MAX_PATH_DEPTH = 1024;

    private final BlockDevice volume;
    private final String label;
    private final DirectoryReader reader;
    private final IsoNode root;

    private Iso9660FileSystem(BlockDevice volume, String label, DirectoryReader reader, IsoNode root) {
        this.volume = volume;
        this.label = label;
        this.reader = reader;
        this.root = root;
    }

    static Iso9660FileSystem open(BlockDevice volume) throws IOException {
        return CorruptionGuard.guard("volume " + volume.describe(), () -> {
            VolumeDescriptorSet descriptors = VolumeDescriptorSet.read(volume);
            VolumeDescriptor primary = descriptors.primary();
            VolumeDescriptor joliet = descriptors.joliet();
            VolumeDescriptor main = primary != null ? primary : joliet;
            BlockCache cache = new BlockCache(volume, main.blockSize());
            String label = joliet != null && !joliet.label().isEmpty() ? joliet.label() : main.label();
            if (primary != null) {
                DirectoryReader plain = new DirectoryReader(cache, NameScheme.PLAIN, null);
                DirectoryRecord rootSelf = plain.firstRecord(
                        primary.root().extentBlock() + primary.root().extendedAttributeBlocks(),
                        "ISO 9660 root directory");
                if (SystemUseReader.startsWithSp(rootSelf.systemUse())) {
                    SystemUseReader susp = new SystemUseReader(cache, SystemUseReader.spSkip(rootSelf.systemUse()));
                    DirectoryReader rockRidge = new DirectoryReader(cache, NameScheme.ROCK_RIDGE, susp);
                    return new Iso9660FileSystem(volume, label, rockRidge, rockRidge.root(primary.root()));
                }
            }
            if (joliet != null) {
                BlockCache jolietCache = new BlockCache(volume, joliet.blockSize());
                DirectoryReader reader = new DirectoryReader(jolietCache, NameScheme.JOLIET, null);
                return new Iso9660FileSystem(volume, label, reader, reader.root(joliet.root()));
            }
            DirectoryReader reader = new DirectoryReader(cache, NameScheme.PLAIN, null);
            return new Iso9660FileSystem(volume, label, reader, reader.root(primary.root()));
        });
    }

    @Override
    public String type() {
        return Iso9660FileSystemType.NAME;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public FileEntry stat(String path) throws IOException {
        return CorruptionGuard.guard(path, () -> entry(resolve(path), normalise(path)));
    }

    @Override
    public List<FileEntry> list(String path) throws IOException {
        return CorruptionGuard.guard(path, () -> {
            String directory = normalise(path);
            IsoNode node = resolve(directory);
            if (node.type() != FileType.DIRECTORY) {
                throw new NotDirectoryException(directory);
            }
            List<FileEntry> entries = new ArrayList<>();
            for (IsoNode child : reader.read(node, directory)) {
                entries.add(entry(child, child(directory, child.name())));
            }
            return entries;
        });
    }

    @Override
    public OpenFile open(String path) throws IOException {
        return CorruptionGuard.guard(path, () -> {
            String file = normalise(path);
            IsoNode node = resolve(file);
            if (node.type() != FileType.FILE) {
                throw new IOException(file + " is not a regular file but a " + node.type());
            }
            if (node.interleaved()) {
                throw new IOException(file + " is stored interleaved (file unit size set), which this reader does "
                        + "not decode");
            }
            long blockSize = reader.blockSize();
            for (Extent extent : node.extents()) {
                long blocks = (extent.length() + blockSize - 1) / blockSize;
                if (extent.length() > 0 && (extent.block() < 0 || extent.block() + blocks > volume.size() / blockSize)) {
                    throw new DiskFormatException("ISO 9660 file " + file + ": extent at block " + extent.block()
                            + " (" + extent.length() + " bytes) lies beyond the end of " + volume.describe());
                }
            }
            return new IsoOpenFile(volume, blockSize, entry(node, file), node.extents());
        });
    }

    @Override
    public void close() {
        // the volume belongs to the caller
    }

    private IsoNode resolve(String path) throws IOException {
        String[] parts = path.equals("/") ? new String[0] : path.substring(1).split("/");
        if (parts.length > MAX_PATH_DEPTH) {
            throw new NoSuchFileException(path, null, "deeper than " + MAX_PATH_DEPTH + " levels");
        }
        IsoNode node = root;
        StringBuilder walked = new StringBuilder();
        for (String part : parts) {
            if (node.type() != FileType.DIRECTORY) {
                throw new NotDirectoryException(walked.length() == 0 ? "/" : walked.toString());
            }
            String directory = walked.length() == 0 ? "/" : walked.toString();
            IsoNode found = null;
            for (IsoNode child : reader.read(node, directory)) {
                if (reader.scheme().caseInsensitive() ? child.name().equalsIgnoreCase(part)
                        : child.name().equals(part)) {
                    found = child;
                    break;
                }
            }
            walked.append('/').append(part);
            if (found == null) {
                throw new NoSuchFileException(walked.toString());
            }
            node = found;
        }
        return node;
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

    private static String child(String directory, String name) {
        return directory.equals("/") ? "/" + name : directory + "/" + name;
    }

    private static FileEntry entry(IsoNode node, String path) {
        Set<FileFlag> flags = EnumSet.noneOf(FileFlag.class);
        if (node.hidden()) {
            flags.add(FileFlag.HIDDEN);
        }
        flags.add(FileFlag.READ_ONLY); // a disc is read-only media
        return new FileEntry(node.name(), path, node.type(), node.size(), node.modified(), node.accessed(),
                node.created(), node.linkTarget(), flags);
    }
}
