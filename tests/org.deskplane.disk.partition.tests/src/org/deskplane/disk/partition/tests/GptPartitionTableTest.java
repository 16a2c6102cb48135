package org.deskplane.disk.partition.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.deskplane.disk.api.BlockDevices;
import org.deskplane.disk.api.DiskFormatException;
import org.deskplane.disk.api.Partition;
import org.deskplane.disk.api.PartitionTableType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GptPartitionTableTest {

    static final String UNICODE_NAME = "Ünïcødé root ✓ 日本";
    static final long DISK_SECTORS = 32 * 1024 * 2; // 32 MiB

    @TempDir
    Path dir;
    PartitionTableType gpt;
    Path image;

    @BeforeEach
    void setUp() throws Exception {
        gpt = PartitionTables.service("gpt");
        image = dir.resolve("gpt.img");
        Tools.run(dir, null, "truncate", "-s", "32M", image.toString());
        Tools.run(dir, null, "sgdisk", "-n", "1:2048:+4M", "-c", "1:EFI system", "-t", "1:ef00", "-n", "2:0:+8M", "-c",
                "2:" + UNICODE_NAME, "-t", "2:8300", "-n", "4:0:+1M", "-t", "4:8200", "-n", "7:0:+3M", "-c",
                "7:data", "-t", "7:0700", image.toString());
    }

    @Test
    void readsEntriesWithNamesAsSfdiskDoes() throws Exception {
        List<SfdiskListing.Entry> expected = SfdiskListing.of(image);
        List<Partition> actual = PartitionTables.read(gpt, image).orElseThrow();
        assertSameAs(expected, actual);
        assertEquals(List.of(1, 2, 4, 7), actual.stream().map(Partition::number).toList());
        assertEquals(UNICODE_NAME, actual.get(1).name());
        assertEquals("c12a7328-f81f-11d2-ba4b-00a0c93ec93b", actual.get(0).type());
    }

    @Test
    void mbrDiskOrBlankDiskHasNoGpt() throws Exception {
        Path mbr = dir.resolve("mbr.img");
        Tools.run(dir, null, "truncate", "-s", "8M", mbr.toString());
        Tools.run(dir, "label: dos\nstart=2048, type=83\n", "sfdisk", "-q", mbr.toString());
        assertEquals(Optional.empty(), PartitionTables.read(gpt, mbr));
        Path blank = dir.resolve("blank.img");
        Tools.run(dir, null, "truncate", "-s", "1M", blank.toString());
        assertEquals(Optional.empty(), PartitionTables.read(gpt, blank));
    }

    @Test
    void corruptPrimaryHeaderFallsBackToTheBackup() throws Exception {
        List<SfdiskListing.Entry> expected = SfdiskListing.of(image);
        PartitionTables.writeAt(image, 512 + 40, new byte[] { 0x7f }); // first usable LBA changed, CRC not
        assertSameAs(expected, PartitionTables.read(gpt, image).orElseThrow());

        PartitionTables.writeAt(image, 512, new byte[8]); // signature wiped
        assertSameAs(expected, PartitionTables.read(gpt, image).orElseThrow());
    }

    @Test
    void corruptPrimaryEntryArrayFallsBackToTheBackup() throws Exception {
        List<SfdiskListing.Entry> expected = SfdiskListing.of(image);
        PartitionTables.writeAt(image, 2 * 512 + 56, new byte[] { 'X', 0 }); // a name byte: array CRC fails
        assertSameAs(expected, PartitionTables.read(gpt, image).orElseThrow());
    }

    @Test
    void bothHeadersCorruptIsAnError() throws Exception {
        PartitionTables.writeAt(image, 512 + 40, new byte[] { 0x7f });
        PartitionTables.writeAt(image, (DISK_SECTORS - 1) * 512 + 40, new byte[] { 0x7f });
        DiskFormatException e = assertThrows(DiskFormatException.class, () -> PartitionTables.read(gpt, image));
        assertTrue(e.getMessage().contains("primary") && e.getMessage().contains("backup"), e.getMessage());
        assertTrue(e.getMessage().contains("CRC32"), e.getMessage());

        PartitionTables.writeAt(image, 512, new byte[8]);
        PartitionTables.writeAt(image, (DISK_SECTORS - 1) * 512, new byte[8]);
        e = assertThrows(DiskFormatException.class, () -> PartitionTables.read(gpt, image));
        assertTrue(e.getMessage().contains("protects a GPT disk"), e.getMessage());
    }

    @Test
    void entryBeyondTheDiskIsAnErrorEvenWithGoodChecksums() throws Exception {
        byte[] disk = Files.readAllBytes(image);
        PartitionTables.putLe64(disk, 2 * 512 + 128 + 40, DISK_SECTORS + 10); // partition 2's last LBA
        GptImageWriter.sealArray(disk, 512, 512);
        DiskFormatException e = assertThrows(DiskFormatException.class, () -> gpt.read(BlockDevices.memory(disk, "memory image")));
        assertTrue(e.getMessage().contains("partition 2"), e.getMessage());

        PartitionTables.putLe64(disk, 2 * 512 + 128 + 40, -1L); // 2^64 - 1 as unsigned
        GptImageWriter.sealArray(disk, 512, 512);
        assertThrows(DiskFormatException.class, () -> gpt.read(BlockDevices.memory(disk, "memory image")));
    }

    @Test
    void headerPointingItsEntryArrayOutsideTheDiskIsRefused() throws Exception {
        byte[] disk = Files.readAllBytes(image);
        PartitionTables.putLe64(disk, 512 + 72, DISK_SECTORS - 2); // 32 sectors of entries do not fit there
        GptImageWriter.seal(disk, 512);
        // and the backup claims 2^31 - 1 entries
        PartitionTables.putLe32(disk, (int) ((DISK_SECTORS - 1) * 512) + 80, 0x7fff_ffffL);
        GptImageWriter.seal(disk, (int) ((DISK_SECTORS - 1) * 512));
        DiskFormatException e = assertThrows(DiskFormatException.class, () -> gpt.read(BlockDevices.memory(disk, "memory image")));
        assertTrue(e.getMessage().contains("entry array") && e.getMessage().contains("entry count"), e.getMessage());
    }

    @Test
    void readsA4096ByteSectorDisk() throws Exception {
        UUID linux = UUID.fromString("0fc63daf-8483-4772-8e79-3d69d8477de4");
        UUID esp = UUID.fromString("c12a7328-f81f-11d2-ba4b-00a0c93ec93b");
        byte[] disk = GptImageWriter.build(4096, 1024, List.of(new GptImageWriter.Spec(esp, 256, 511, "boot"),
                new GptImageWriter.Spec(linux, 512, 1000, "Wurzel ÄÖÜ")));
        List<Partition> partitions = gpt.read(BlockDevices.memory(disk, "memory image")).orElseThrow();
        assertEquals(List.of(new Partition(1, 256L * 4096, 256L * 4096, "gpt", esp.toString(), "boot"),
                new Partition(2, 512L * 4096, 489L * 4096, "gpt", linux.toString(), "Wurzel ÄÖÜ")), partitions);

        disk[4096 + 40] ^= 1; // primary header bad: the backup at the last 4096-byte LBA serves
        assertEquals(partitions, gpt.read(BlockDevices.memory(disk, "memory image")).orElseThrow());
    }

    @Test
    void mutatedTablesNeverEscapeAsAnythingButDiskFormatErrors() throws Exception {
        byte[] bytes = Files.readAllBytes(image);
        long[][] ranges = { { 446, 512 }, { 512, 512 + 92 }, { 1024, 1024 + 4 * 128 }, { 512 + 92, 1024 },
                { (DISK_SECTORS - 1) * 512, (DISK_SECTORS - 1) * 512 + 92 },
                { (DISK_SECTORS - 33) * 512, (DISK_SECTORS - 33) * 512 + 4 * 128 } };
        // mutate the primary only in half the runs so the backup path is exercised with the primary intact too
        int tables = assertTimeoutPreemptively(Duration.ofSeconds(120),
                () -> MutationFuzzer.run(gpt, bytes, ranges, 0x475054L, 2000));
        assertTrue(tables > 0, "some mutations keep a readable table");

        // and with a sealed primary: mutations of fields behind a valid CRC reach the range checks
        int sealed = 0;
        java.util.Random random = new java.util.Random(7);
        byte[] copy = bytes.clone();
        byte[] pristineHead = java.util.Arrays.copyOf(bytes, 34 * 512);
        for (int i = 0; i < 500; i++) {
            System.arraycopy(pristineHead, 0, copy, 0, pristineHead.length); // undo the last iteration
            copy[512 + 24 + random.nextInt(92 - 24)] = (byte) random.nextInt(256);
            copy[1024 + random.nextInt(4 * 128)] = (byte) random.nextInt(256);
            GptImageWriter.sealArrayAt(copy, 512, 1024);
            try {
                gpt.read(BlockDevices.memory(copy, "memory image"));
                sealed++;
            } catch (DiskFormatException expected) {
                // refused with a reason
            } catch (Throwable t) {
                throw new AssertionError("sealed mutation " + i + " threw " + t, t);
            }
        }
        assertTrue(sealed < 500, "some sealed mutations must be refused");
    }

    private static void assertSameAs(List<SfdiskListing.Entry> expected, List<Partition> actual) {
        assertEquals(expected.size(), actual.size(), actual.toString());
        for (int i = 0; i < expected.size(); i++) {
            SfdiskListing.Entry e = expected.get(i);
            Partition p = actual.get(i);
            assertEquals(e.number(), p.number(), p.toString());
            assertEquals(e.startSector() * 512, p.offset(), p.toString());
            assertEquals(e.sectors() * 512, p.length(), p.toString());
            assertEquals(e.type().toLowerCase(java.util.Locale.ROOT), p.type());
            assertEquals(e.name(), p.name());
            assertEquals("gpt", p.scheme());
        }
    }
}
