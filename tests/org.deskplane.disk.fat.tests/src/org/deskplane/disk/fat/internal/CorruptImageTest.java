package org.deskplane.disk.fat.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.deskplane.disk.api.DiskFormatException;
import org.deskplane.disk.api.FileEntry;
import org.deskplane.disk.api.FileSystem;
import org.deskplane.disk.api.FileSystemType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real FAT16 image broken on purpose in one place at a time: each break must give a DiskFormatException (or
 * the short name, for a broken long name), never a hang or another exception.
 */
class CorruptImageTest {

    private static final String LONG_NAME = "A rather long file name.txt";

    @TempDir
    Path temp;

    private byte[] image;
    private BootSector boot;
    private FileSystemType fat;

    @BeforeEach
    void makeImage() throws Exception {
        Path tree = Files.createDirectory(temp.resolve("tree"));
        Files.write(tree.resolve("chain.bin"), new byte[20000]); // several clusters
        Files.write(tree.resolve(LONG_NAME), new byte[10]);
        Path a = Files.createDirectories(tree.resolve("a").resolve("b"));
        Files.write(a.resolve("x.txt"), new byte[3]);
        Path many = Files.createDirectory(tree.resolve("many"));
        for (int i = 0; i < 300; i++) {
            Files.write(many.resolve("file with a long name " + i + ".txt"), new byte[0]);
        }
        image = Files.readAllBytes(FatTools.makeImage(temp, 16, 12 * 1024, "BROKEN", tree));
        boot = BootSector.read(new MemoryDevice(image));
        assertEquals(FatType.FAT16, boot.type);
        fat = FatServices.fat();
        try (FileSystem fs = fat.open(new MemoryDevice(image))) {
            assertEquals(20000, fs.stat("/chain.bin").size(), "the unbroken image reads");
            assertEquals(300, fs.list("/many").size());
        }
    }

    @Test
    void truncatedImageIsRefused() {
        assertFormatError(() -> fat.open(new MemoryDevice(image, image.length / 2)));
        assertFormatError(() -> fat.open(new MemoryDevice(image, 100)));
        assertFalse(probe(new MemoryDevice(image, image.length - 512)));
    }

    @Test
    void bpbBitFlipsAreRefused() {
        assertFormatError(() -> fat.open(new MemoryDevice(image).patch16(0x0B, 513))); // bytes per sector
        assertFormatError(() -> fat.open(new MemoryDevice(image).patch16(0x0B, 8192)));
        assertFormatError(() -> fat.open(new MemoryDevice(image).patch(0x0D, 3))); // sectors per cluster
        assertFormatError(() -> fat.open(new MemoryDevice(image).patch(0x0D, 0)));
        assertFormatError(() -> fat.open(new MemoryDevice(image).patch(0x10, 0))); // no FAT
        assertFormatError(() -> fat.open(new MemoryDevice(image).patch16(0x13, 0).patch32(0x20, 0x7FFFFFFFL)));
        assertFormatError(() -> fat.open(new MemoryDevice(image).patch16(0x16, 0))); // FAT16 posing as FAT32
        assertFormatError(() -> fat.open(new MemoryDevice(image).patch16(0x16, 1))); // FAT too small
        assertFormatError(() -> fat.open(new MemoryDevice(image).patch(510, 0x54))); // signature
        assertTrue(probe(new MemoryDevice(image)));
        assertFalse(probe(new MemoryDevice(image).patch16(0x0B, 513)));
    }

    @Test
    void clusterChainLoopIsRefused() throws Exception {
        long first = entry("/", "chain.bin").firstCluster();
        List<Long> chain = chain(first);
        assertTrue(chain.size() >= 3, "chain.bin spans clusters " + chain);
        MemoryDevice looped = new MemoryDevice(image).patch16(fatEntryOffset(chain.get(chain.size() - 1)), (int) first);
        try (FileSystem fs = fat.open(looped)) {
            DiskFormatException e = assertFormatError(() -> fs.open("/chain.bin"));
            assertTrue(e.getMessage().contains("loop"), e.getMessage());
        }
        MemoryDevice shortLoop = new MemoryDevice(image).patch16(fatEntryOffset(chain.get(1)), (int) first);
        try (FileSystem fs = fat.open(shortLoop)) {
            assertFormatError(() -> fs.open("/chain.bin"));
        }
    }

    @Test
    void clusterBeyondTheFatIsRefused() throws Exception {
        long first = entry("/", "chain.bin").firstCluster();
        MemoryDevice beyond = new MemoryDevice(image).patch16(fatEntryOffset(first), (int) boot.clusterCount + 10);
        try (FileSystem fs = fat.open(beyond)) {
            DiskFormatException e = assertFormatError(() -> fs.open("/chain.bin"));
            assertTrue(e.getMessage().contains("beyond"), e.getMessage());
        }
        MemoryDevice free = new MemoryDevice(image).patch16(fatEntryOffset(first), 0);
        try (FileSystem fs = fat.open(free)) {
            assertFormatError(() -> fs.open("/chain.bin"));
        }
    }

    @Test
    void directoryChainLoopIsRefused() throws Exception {
        List<Long> chain = chain(entry("/", "many").firstCluster());
        assertTrue(chain.size() >= 3, "/many spans clusters " + chain);
        // the cluster before the last (which holds the end marker) leads back to the first
        MemoryDevice looped = new MemoryDevice(image)
                .patch16(fatEntryOffset(chain.get(chain.size() - 2)), chain.get(0).intValue());
        try (FileSystem fs = fat.open(looped)) {
            assertFormatError(() -> fs.list("/many"));
        }
    }

    @Test
    void directoryCycleIsRefused() throws Exception {
        long a = entry("/", "a").firstCluster();
        // b's entry in a's first cluster: its first cluster becomes a's
        long bEntry = findShortEntry(boot.clusterOffset(a), boot.clusterSize, "B          ");
        MemoryDevice cycle = new MemoryDevice(image).patch16(bEntry + 26, (int) a);
        try (FileSystem fs = fat.open(cycle)) {
            assertFormatError(() -> fs.list("/a/b"));
            assertFormatError(() -> fs.stat("/a/b/b/b/x.txt"));
        }
    }

    @Test
    void longNameWithWrongChecksumFallsBackToTheShortName() throws Exception {
        FatDirEntry e = entry("/", LONG_NAME);
        long shortEntry = findShortEntry(boot.rootDirOffset, boot.rootDirEntries * 32, e.shortName().replace(".", "")
                .toUpperCase());
        // the long-name entry right before the short one: break its checksum
        MemoryDevice broken = new MemoryDevice(image).patch(shortEntry - 32 + 13,
                new MemoryDevice(image).byteAt(shortEntry - 32 + 13) ^ 0x01);
        try (FileSystem fs = fat.open(broken)) {
            List<String> names = fs.list("/").stream().map(FileEntry::name).toList();
            assertFalse(names.contains(LONG_NAME), names.toString());
            assertTrue(names.contains(e.shortName()), names.toString());
            assertEquals(10, fs.stat("/" + e.shortName()).size());
        }
        // and an orphan part (its short entry deleted) disappears with it
        MemoryDevice orphan = new MemoryDevice(image).patch(shortEntry, 0xE5);
        try (FileSystem fs = fat.open(orphan)) {
            assertEquals(List.of(), fs.list("/").stream().map(FileEntry::name).filter(n -> n.startsWith("A ra")
                    || n.startsWith("ARATHE")).toList());
        }
    }

    private boolean probe(MemoryDevice device) {
        try {
            return fat.probe(device);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private FatDirEntry entry(String dir, String name) throws Exception {
        MemoryDevice device = new MemoryDevice(image);
        DirectoryReader reader = new DirectoryReader(device, boot, new FatTable(device, boot));
        return reader.root().entries().stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + dir));
    }

    private List<Long> chain(long first) throws Exception {
        MemoryDevice device = new MemoryDevice(image);
        FatTable table = new FatTable(device, boot);
        List<Long> chain = new java.util.ArrayList<>();
        for (long c = first; c != FatTable.END_OF_CHAIN && chain.size() < 1000; c = table.next(c, "test")) {
            chain.add(c);
        }
        return chain;
    }

    private long fatEntryOffset(long cluster) {
        return boot.fatOffset + cluster * 2;
    }

    private long findShortEntry(long from, int length, String elevenBytes) {
        String padded = (elevenBytes + "           ").substring(0, 11);
        for (long at = from; at < from + length; at += 32) {
            if (new String(image, (int) at, 11, java.nio.charset.StandardCharsets.ISO_8859_1).equals(padded)) {
                return at;
            }
        }
        throw new AssertionError("no entry " + padded);
    }

    private static DiskFormatException assertFormatError(Executable action) {
        return assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertThrows(DiskFormatException.class, action));
    }
}
