package org.deskplane.disk.partition.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.deskplane.disk.api.BlockDevices;
import org.deskplane.disk.api.DiskFormatException;
import org.deskplane.disk.api.Partition;
import org.deskplane.disk.api.PartitionTableType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MbrPartitionTableTest {

    /** Three primaries, an extended partition as number 4, and four logical partitions inside it. */
    static final String LAYOUT = """
            label: dos
            start=2048, size=20480, type=83, bootable
            start=22528, size=8192, type=7
            start=30720, size=8192, type=c
            start=38912, type=5
            size=8192, type=83
            size=4096, type=82
            size=10240, type=b
            size=6000, type=8e
            """;
    static final long EXTENDED_START = 38912;

    @TempDir
    Path dir;
    PartitionTableType mbr;
    Path image;

    @BeforeEach
    void setUp() throws Exception {
        mbr = PartitionTables.service("mbr");
        image = dir.resolve("mbr.img");
        Tools.run(dir, null, "truncate", "-s", "64M", image.toString());
        Tools.run(dir, LAYOUT, "sfdisk", "-q", image.toString());
    }

    @Test
    void readsPrimaryExtendedAndLogicalPartitionsAsSfdiskDoes() throws Exception {
        List<SfdiskListing.Entry> expected = SfdiskListing.of(image);
        List<Partition> actual = PartitionTables.read(mbr, image).orElseThrow();

        assertEquals(8, expected.size(), "sfdisk made the layout: " + expected);
        assertEquals(expected.size(), actual.size(), actual.toString());
        for (int i = 0; i < expected.size(); i++) {
            SfdiskListing.Entry e = expected.get(i);
            Partition p = actual.get(i);
            assertEquals(e.number(), p.number());
            assertEquals(e.startSector() * 512, p.offset(), p.toString());
            assertEquals(e.sectors() * 512, p.length(), p.toString());
            assertEquals(Integer.parseInt(e.type(), 16), Integer.decode(p.type()), p.toString());
            assertEquals("mbr", p.scheme());
            assertEquals("", p.name());
        }
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), actual.stream().map(Partition::number).toList());
        assertEquals("0x05", actual.get(3).type());
        assertEquals("0x8e", actual.get(7).type());
    }

    @Test
    void gptProtectiveMbrIsNotAnMbrTable() throws Exception {
        Path gpt = dir.resolve("gpt.img");
        Tools.run(dir, null, "truncate", "-s", "8M", gpt.toString());
        Tools.run(dir, null, "sgdisk", "-n", "1:2048:+1M", gpt.toString());
        assertEquals(Optional.empty(), PartitionTables.read(mbr, gpt));
    }

    @Test
    void diskWithoutSignatureOrWithAFileSystemOnlyHasNoTable() throws Exception {
        Path blank = dir.resolve("blank.img");
        Tools.run(dir, null, "truncate", "-s", "1M", blank.toString());
        assertEquals(Optional.empty(), PartitionTables.read(mbr, blank));

        Path floppy = dir.resolve("floppy.img");
        Tools.run(dir, null, "truncate", "-s", "8M", floppy.toString());
        Tools.run(dir, null, "mkfs.vfat", floppy.toString());
        assertEquals(Optional.empty(), PartitionTables.read(mbr, floppy), "a FAT boot sector is not an MBR");

        Path tiny = dir.resolve("tiny.img");
        Files.write(tiny, new byte[100]);
        assertEquals(Optional.empty(), PartitionTables.read(mbr, tiny));
    }

    @Test
    void primaryPartitionBeyondTheDiskIsCorrupt() throws Exception {
        byte[] count = new byte[4];
        PartitionTables.putLe32(count, 0, 200_000); // partition 2 at 22528 + 200000 sectors > 131072
        PartitionTables.writeAt(image, 446 + 16 + 12, count);
        DiskFormatException e = assertThrows(DiskFormatException.class, () -> PartitionTables.read(mbr, image));
        assertTrue(e.getMessage().contains("partition 2"), e.getMessage());
    }

    @Test
    void logicalPartitionBeyondTheDiskIsCorrupt() throws Exception {
        byte[] count = new byte[4];
        PartitionTables.putLe32(count, 0, 0x7fff_0000L);
        PartitionTables.writeAt(image, EXTENDED_START * 512 + 446 + 12, count);
        DiskFormatException e = assertThrows(DiskFormatException.class, () -> PartitionTables.read(mbr, image));
        assertTrue(e.getMessage().contains("logical partition 5"), e.getMessage());
    }

    @Test
    void ebrChainThatLoopsIsCorrupt() throws Exception {
        List<Long> ebrs = ebrChain();
        assertEquals(4, ebrs.size(), "one EBR per logical partition: " + ebrs);
        // the third EBR links back to the second
        byte[] link = new byte[4];
        PartitionTables.putLe32(link, 0, ebrs.get(1) - EXTENDED_START);
        PartitionTables.writeAt(image, ebrs.get(2) * 512 + 446 + 16 + 8, link);
        DiskFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertThrows(DiskFormatException.class, () -> PartitionTables.read(mbr, image)));
        assertTrue(e.getMessage().contains("loops"), e.getMessage());

        // an EBR linking to itself
        PartitionTables.putLe32(link, 0, 0);
        PartitionTables.writeAt(image, EXTENDED_START * 512 + 446 + 16 + 8, link);
        e = assertThrows(DiskFormatException.class, () -> PartitionTables.read(mbr, image));
        assertTrue(e.getMessage().contains("loops"), e.getMessage());
    }

    @Test
    void ebrLinkOutsideTheExtendedPartitionIsCorrupt() throws Exception {
        byte[] link = new byte[4];
        PartitionTables.putLe32(link, 0, 100_000); // far past the extended partition's end
        PartitionTables.writeAt(image, EXTENDED_START * 512 + 446 + 16 + 8, link);
        DiskFormatException e = assertThrows(DiskFormatException.class, () -> PartitionTables.read(mbr, image));
        assertTrue(e.getMessage().contains("outside its extended partition"), e.getMessage());
    }

    @Test
    void overlongEbrChainStopsAtTheLimit() throws Exception {
        // 300 EBRs, each with a 1-sector logical partition, every link going forward: no loop, just too long
        int ebrs = 300;
        byte[] disk = new byte[(ebrs * 2 + 8) * 512];
        writeEntry(disk, 0, 0, 0x05, 2, ebrs * 2 + 4);
        signature(disk, 0);
        for (int i = 0; i < ebrs; i++) {
            int lba = 2 + i * 2;
            writeEntry(disk, lba, 0, 0x83, 1, 1);
            writeEntry(disk, lba, 1, 0x05, (i + 1) * 2, 2);
            signature(disk, lba);
        }
        DiskFormatException e = assertThrows(DiskFormatException.class, () -> mbr.read(BlockDevices.memory(disk, "memory image")));
        assertTrue(e.getMessage().contains("more than 256"), e.getMessage());
    }

    @Test
    void mutatedTablesNeverEscapeAsAnythingButDiskFormatErrors() throws Exception {
        byte[] bytes = Files.readAllBytes(image);
        List<long[]> ranges = new ArrayList<>();
        ranges.add(new long[] { 440, 512 });
        for (long ebr : ebrChain()) {
            ranges.add(new long[] { ebr * 512 + 446, ebr * 512 + 512 });
        }
        int tables = assertTimeoutPreemptively(Duration.ofSeconds(120),
                () -> MutationFuzzer.run(mbr, bytes, ranges.toArray(long[][]::new), 0x4d42_52L, 2000));
        assertTrue(tables > 0, "some mutations keep a readable table");
    }

    /** The EBR LBAs, followed from the extended partition's start through each link entry. */
    private List<Long> ebrChain() throws Exception {
        List<Long> chain = new ArrayList<>();
        long ebr = EXTENDED_START;
        while (chain.size() < 16) {
            chain.add(ebr);
            byte[] linkEntry = PartitionTables.readAt(image, ebr * 512 + 446 + 16, 16);
            if (linkEntry[4] == 0) {
                break;
            }
            ebr = EXTENDED_START + (java.nio.ByteBuffer.wrap(linkEntry, 8, 4)
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL);
        }
        return chain;
    }

    private static void writeEntry(byte[] disk, int lba, int slot, int type, long first, long count) {
        int at = lba * 512 + 446 + slot * 16;
        disk[at + 4] = (byte) type;
        PartitionTables.putLe32(disk, at + 8, first);
        PartitionTables.putLe32(disk, at + 12, count);
    }

    private static void signature(byte[] disk, int lba) {
        disk[lba * 512 + 510] = 0x55;
        disk[lba * 512 + 511] = (byte) 0xaa;
    }
}
