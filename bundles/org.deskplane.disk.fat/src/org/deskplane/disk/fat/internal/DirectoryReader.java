package org.deskplane.disk.fat.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.DiskFormatException;

/**
 * Reads a directory's entries — the fixed root region of FAT12/16 or a cluster chain — bounded by the FAT
 * limit of 65536 entries per directory (2 MiB, which also ends a looping chain), and keeps the last few
 * directories parsed so that resolving path after path does not re-read their parents.
 */
final class DirectoryReader {

    /** The FAT specification's limit on entries in one directory. */
    static final int MAX_ENTRIES = 65536;
    /** Parsed entries kept in the cache at most (all directories together). */
    private static final int CACHE_ENTRIES = 16384;

    /** A directory's entries and (for the root) its volume label entry. */
    record Directory(List<FatDirEntry> entries, String volumeLabel) {
    }

    private final BlockDevice volume;
    private final BootSector boot;
    private final FatTable fat;
    private final Map<Long, Directory> cache = new LinkedHashMap<>(64, 0.75f, true);
    private int cachedEntries;

    DirectoryReader(BlockDevice volume, BootSector boot, FatTable fat) {
        this.volume = volume;
        this.boot = boot;
        this.fat = fat;
    }

    /** The root directory (cluster 0 stands for the fixed FAT12/16 root). */
    Directory root() throws IOException {
        return read(boot.type == FatType.FAT32 ? boot.rootCluster : 0, "root directory");
    }

    /** The directory whose chain starts at {@code firstCluster}; {@code path} is for messages. */
    Directory read(long firstCluster, String path) throws IOException {
        synchronized (cache) {
            Directory cached = cache.get(firstCluster);
            if (cached != null) {
                return cached;
            }
        }
        String owner = boot.type + " directory " + path + " of " + volume.describe();
        DirectoryParser parser = new DirectoryParser(boot.type == FatType.FAT32, owner);
        if (firstCluster == 0) {
            readFixedRoot(parser);
        } else {
            readChain(firstCluster, parser, owner);
        }
        Directory directory = new Directory(List.copyOf(parser.entries()), parser.volumeLabel());
        remember(firstCluster, directory);
        return directory;
    }

    private void readFixedRoot(DirectoryParser parser) throws IOException {
        // at most 65535 entries of 32 bytes: < 2 MiB, and the BPB check put the region inside the volume
        byte[] region = new byte[boot.rootDirEntries * 32];
        volume.read(boot.rootDirOffset, region, 0, region.length);
        parser.feed(region, region.length);
    }

    private void readChain(long first, DirectoryParser parser, String owner) throws IOException {
        if (!boot.isValidCluster(first)) {
            throw new DiskFormatException(owner + ": first cluster " + first + " is outside 2…"
                    + (boot.clusterCount + 1));
        }
        long maxClusters = Math.max(1, (long) MAX_ENTRIES * 32 / boot.clusterSize);
        byte[] cluster = new byte[boot.clusterSize];
        long current = first;
        for (long n = 0;; n++) {
            if (n == maxClusters) {
                throw new DiskFormatException(owner + ": cluster chain from " + first + " is longer than "
                        + MAX_ENTRIES + " entries allow (a loop?)");
            }
            volume.read(boot.clusterOffset(current), cluster, 0, cluster.length);
            if (!parser.feed(cluster, cluster.length)) {
                return; // the end marker: later clusters are unused
            }
            current = fat.next(current, owner);
            if (current == FatTable.END_OF_CHAIN) {
                return;
            }
        }
    }

    private void remember(long firstCluster, Directory directory) {
        int size = directory.entries().size() + 1; // an empty directory costs something too
        if (size > CACHE_ENTRIES) {
            return;
        }
        synchronized (cache) {
            if (cache.put(firstCluster, directory) == null) {
                cachedEntries += size;
            }
            var eldest = cache.entrySet().iterator();
            while (cachedEntries > CACHE_ENTRIES && eldest.hasNext()) {
                cachedEntries -= eldest.next().getValue().entries().size() + 1;
                eldest.remove();
            }
        }
    }
}
