package org.deskplane.disk.ntfs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.BlockDevices;
import org.deskplane.disk.api.FileSystem;
import org.deskplane.disk.api.FileSystemType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same tree on volumes of other sector and cluster sizes (index blocks larger and smaller than clusters). */
class NtfsGeometryTest {

    @TempDir
    Path work;

    @Test
    void smallClusters() throws Exception {
        check(List.of("-c", "512"), 7, 512, 1024);
    }

    @Test
    void largeSectors() throws Exception {
        check(List.of("-s", "4096"), 8, 4096, 4096);
    }

    @Test
    void largeClusters() throws Exception {
        check(List.of("-c", "65536"), 9, 65536, 1024);
    }

    private void check(List<String> options, long seed, int clusterSize, int recordSize) throws Exception {
        FileSystemType ntfs = NtfsService.get();
        Path source = Files.createDirectories(work.resolve("source"));
        new RandomTree(seed).build(source, false);
        var expected = Expected.of(source);
        Path image = NtfsImage.build(work, "vol.img", 64, options, "geometry", source, null);
        try (BlockDevice device = BlockDevices.file(image); FileSystem fs = ntfs.open(device)) {
            BootSector boot = BootSector.read(device);
            assertEquals(clusterSize, boot.clusterSize());
            assertEquals(recordSize, boot.mftRecordSize());
            assertEquals("geometry", fs.label());
            TreeComparison.assertMatches(fs, expected, null, seed);
        }
    }
}
