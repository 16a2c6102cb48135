package org.deskplane.disk.partition.internal;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.DiskFormatException;
import org.deskplane.disk.api.Partition;
import org.deskplane.disk.api.PartitionTableType;
import org.osgi.service.component.annotations.Component;

/**
 * The GUID partition table: the primary header at LBA 1 and its entry array, or — when either fails its
 * checks — the backup header at the disk's last LBA. The sector size (512 or 4096) is where "EFI PART" is found.
 */
@Component(service = PartitionTableType.class, property = "scheme=gpt")
public final class GptPartitionTable implements PartitionTableType {

    static final int[] SECTOR_SIZES = { 512, 4096 };

    @Override
    public String name() {
        return "gpt";
    }

    @Override
    public Optional<List<Partition>> read(BlockDevice disk) throws IOException {
        return CorruptionGuard.guard("GPT", disk, () -> parse(disk));
    }

    private Optional<List<Partition>> parse(BlockDevice disk) throws IOException {
        Optional<Integer> sectorSize = sectorSize(disk);
        if (sectorSize.isEmpty()) {
            if (ProtectiveMbr.present(disk)) {
                throw new DiskFormatException("GPT of " + disk.describe()
                        + ": the MBR protects a GPT disk but no GPT header is at LBA 1 or the last LBA");
            }
            return Optional.empty();
        }
        int size = sectorSize.get();
        long lastLba = disk.size() / size - 1;
        DiskFormatException primaryProblem;
        try {
            return Optional.of(partitions(disk, checkedTable(disk, size, 1, "primary")));
        } catch (ChecksumOrHeaderProblem e) {
            primaryProblem = e.problem;
        }
        try {
            return Optional.of(partitions(disk, checkedTable(disk, size, lastLba, "backup")));
        } catch (ChecksumOrHeaderProblem e) {
            DiskFormatException backupProblem = e.problem;
            DiskFormatException both = new DiskFormatException("GPT of " + disk.describe()
                    + " has no valid header: " + primaryProblem.getMessage() + "; " + backupProblem.getMessage());
            both.addSuppressed(primaryProblem);
            both.addSuppressed(backupProblem);
            throw both;
        }
    }

    /** A header and its entry array that passed every check: the copy to trust. */
    private record CheckedTable(GptHeader header, byte[] entries) {
    }

    /** A header or entry array that failed its checks: the other copy may still be good. */
    private static final class ChecksumOrHeaderProblem extends Exception {
        private static final long serialVersionUID = 1L;
        final DiskFormatException problem;

        ChecksumOrHeaderProblem(DiskFormatException problem) {
            super(problem.getMessage(), problem, false, false);
            this.problem = problem;
        }
    }

    private static CheckedTable checkedTable(BlockDevice disk, int sectorSize, long lba, String which)
            throws IOException, ChecksumOrHeaderProblem {
        try {
            Optional<GptHeader> header = GptHeader.read(disk, sectorSize, lba, which);
            if (header.isEmpty()) {
                throw new DiskFormatException(which + " GPT header at LBA " + lba + " of " + disk.describe()
                        + ": no \"EFI PART\" signature");
            }
            return new CheckedTable(header.get(), GptEntryArray.load(disk, header.get()));
        } catch (DiskFormatException e) {
            throw new ChecksumOrHeaderProblem(e);
        }
    }

    /** Entries of a table whose checksums hold but which point outside the disk are corruption, not a fallback. */
    private static List<Partition> partitions(BlockDevice disk, CheckedTable table) throws IOException {
        return List.copyOf(GptEntryArray.partitions(disk, table.header(), table.entries()));
    }

    /** The first sector size at which a primary or backup header signature is found. */
    private static Optional<Integer> sectorSize(BlockDevice disk) throws IOException {
        for (int size : SECTOR_SIZES) {
            if (GptHeader.present(disk, size, 1)) {
                return Optional.of(size);
            }
        }
        for (int size : SECTOR_SIZES) {
            if (disk.size() >= 2L * size && GptHeader.present(disk, size, disk.size() / size - 1)) {
                return Optional.of(size);
            }
        }
        return Optional.empty();
    }
}
