package org.deskplane.disk.partition.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.DiskFormatException;
import org.deskplane.disk.api.Partition;

/**
 * The logical partitions of one extended partition: a linked list of EBRs, each holding one logical partition
 * (relative to the EBR) and a link to the next EBR (relative to the extended partition's start). The list
 * comes from the disk, so it is walked with a visited set and a step limit.
 */
final class ExtendedPartitionChain {

    /** Linux stops at 256 partitions per disk; a longer chain is corrupt or hostile. */
    static final int MAX_LOGICAL_PARTITIONS = 256;

    private final BlockDevice disk;
    private final long diskSectors;
    private final MbrEntry extended;

    ExtendedPartitionChain(BlockDevice disk, long diskSectors, MbrEntry extended) {
        this.disk = disk;
        this.diskSectors = diskSectors;
        this.extended = extended;
    }

    /** The logical partitions in chain order, numbered from {@code firstNumber}. */
    List<Partition> logicalPartitions(int firstNumber) throws IOException {
        List<Partition> partitions = new ArrayList<>();
        Set<Long> visited = new HashSet<>();
        long extendedStart = extended.firstSector();
        long extendedEnd = extendedStart + extended.sectors();
        long ebr = extendedStart;
        int number = firstNumber;
        for (int step = 0;; step++) {
            if (step >= MAX_LOGICAL_PARTITIONS) {
                throw new DiskFormatException("MBR extended partition chain of " + disk.describe() + " has more than "
                        + MAX_LOGICAL_PARTITIONS + " EBRs");
            }
            if (!visited.add(ebr)) {
                throw new DiskFormatException("MBR extended partition chain of " + disk.describe()
                        + " loops: the EBR at LBA " + ebr + " is linked twice");
            }
            if (ebr < extendedStart || ebr >= extendedEnd) {
                throw new DiskFormatException("EBR at LBA " + ebr + " of " + disk.describe()
                        + " lies outside its extended partition [" + extendedStart + ", " + extendedEnd + ")");
            }
            byte[] sector = Sectors.read(disk, ebr * MbrSector.SIZE, MbrSector.SIZE, "EBR at LBA " + ebr);
            if (!MbrSector.hasBootSignature(sector)) {
                if (step == 0) {
                    return partitions; // an extended partition that holds no logical partition yet
                }
                throw new DiskFormatException("EBR at LBA " + ebr + " of " + disk.describe()
                        + " has no 0x55AA signature");
            }
            MbrEntry data = null;
            MbrEntry link = null;
            for (MbrEntry entry : MbrSector.entries(sector)) {
                if (entry.isUnused()) {
                    continue;
                }
                if (entry.isExtended()) {
                    link = link == null ? entry : link;
                } else {
                    data = data == null ? entry : data;
                }
            }
            if (data != null) {
                long start = ebr + data.firstSector();
                checkWithinDisk(start, data.sectors(), "logical partition " + number + " (EBR at LBA " + ebr + ")");
                partitions.add(new Partition(number++, start * MbrSector.SIZE, data.sectors() * MbrSector.SIZE, "mbr",
                        data.typeName(), ""));
            }
            if (link == null) {
                return partitions;
            }
            ebr = extendedStart + link.firstSector();
        }
    }

    private void checkWithinDisk(long start, long sectors, String what) throws DiskFormatException {
        if (start + sectors > diskSectors) {
            throw new DiskFormatException(what + " of " + disk.describe() + " [LBA " + start + ", +" + sectors
                    + "] lies beyond the disk's " + diskSectors + " sectors");
        }
    }
}
