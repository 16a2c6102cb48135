package org.deskplane.disk.api;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/** One partition table scheme (an OSGi service per scheme: mbr, gpt). */
@ConsumerType
public interface PartitionTableType {

    /** "mbr" or "gpt". */
    String name();

    /**
     * The partitions on {@code disk} (empty partitions left out, sorted by number), or empty when the device
     * has no table of this scheme (a GPT disk's protective MBR is not an MBR table).
     *
     * @throws DiskFormatException when there is a table but it is corrupt (entries outside the disk, a loop in
     *         the extended partition chain, a bad GPT header checksum with no valid backup)
     */
    Optional<List<Partition>> read(BlockDevice disk) throws IOException;
}
