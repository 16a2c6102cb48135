package org.deskplane.disk.partition.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.DiskFormatException;
import org.deskplane.disk.api.Partition;
import org.deskplane.disk.api.PartitionTableType;
import org.osgi.service.component.annotations.Component;

/**
 * The DOS/MBR partition table: four primary entries in sector 0, and logical partitions (numbered 5…) in the
 * EBR chain of each extended partition. Sectors are 512 bytes (the MBR has no field saying otherwise). A GPT
 * disk's protective MBR (an entry of type 0xEE) is not an MBR table.
 */
@Component(service = PartitionTableType.class, property = "scheme=mbr")
public final class MbrPartitionTable implements PartitionTableType {

    static final int FIRST_LOGICAL_NUMBER = 5;

    @Override
    public String name() {
        return "mbr";
    }

    @Override
    public Optional<List<Partition>> read(BlockDevice disk) throws IOException {
        return CorruptionGuard.guard("MBR", disk, () -> parse(disk));
    }

    private Optional<List<Partition>> parse(BlockDevice disk) throws IOException {
        if (disk.size() < MbrSector.SIZE) {
            return Optional.empty();
        }
        byte[] mbr = Sectors.read(disk, 0, MbrSector.SIZE, "MBR");
        if (!MbrSector.hasBootSignature(mbr)) {
            return Optional.empty();
        }
        List<MbrEntry> entries = MbrSector.entries(mbr);
        if (entries.stream().anyMatch(e -> e.type() == MbrEntry.PROTECTIVE_GPT)) {
            return Optional.empty(); // the disk is GPT; this MBR only protects it from old tools
        }
        if (!entries.stream().allMatch(MbrEntry::hasValidStatus)) {
            return Optional.empty(); // boot code or a file system, not a partition table
        }
        long diskSectors = disk.size() / MbrSector.SIZE;
        List<MbrEntry> used = entries.stream().filter(e -> !e.isUnused()).toList();
        if (MbrSector.looksLikeVolumeBootRecord(mbr)
                && (used.isEmpty() || used.stream().anyMatch(e -> !liesWithin(e, diskSectors)))) {
            return Optional.empty(); // a partitionless file system (superfloppy) whose boot code looks like entries
        }
        List<Partition> partitions = new ArrayList<>();
        int nextLogical = FIRST_LOGICAL_NUMBER;
        for (MbrEntry entry : used) {
            int number = entry.slot() + 1;
            if (!liesWithin(entry, diskSectors)) {
                throw new DiskFormatException("MBR partition " + number + " of " + disk.describe() + " [LBA "
                        + entry.firstSector() + ", +" + entry.sectors() + "] lies beyond the disk's " + diskSectors
                        + " sectors");
            }
            partitions.add(new Partition(number, entry.firstSector() * MbrSector.SIZE,
                    entry.sectors() * MbrSector.SIZE, "mbr", entry.typeName(), ""));
            if (entry.isExtended()) {
                List<Partition> logical = new ExtendedPartitionChain(disk, diskSectors, entry)
                        .logicalPartitions(nextLogical);
                nextLogical += logical.size();
                if (nextLogical > FIRST_LOGICAL_NUMBER + ExtendedPartitionChain.MAX_LOGICAL_PARTITIONS) {
                    throw new DiskFormatException("MBR of " + disk.describe() + " has more than "
                            + ExtendedPartitionChain.MAX_LOGICAL_PARTITIONS + " logical partitions");
                }
                partitions.addAll(logical);
            }
        }
        partitions.sort(Comparator.comparingInt(Partition::number));
        return Optional.of(List.copyOf(partitions));
    }

    private static boolean liesWithin(MbrEntry entry, long diskSectors) {
        return entry.firstSector() + entry.sectors() <= diskSectors;
    }
}
