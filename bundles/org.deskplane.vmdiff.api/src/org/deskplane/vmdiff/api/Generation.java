package org.deskplane.vmdiff.api;

import java.time.Instant;
import java.util.Objects;

/**
 * One published state of a user VM's difference from its base: immutable once published, the same on every copy
 * (its {@link #contentHash()} covers everything but where a copy keeps its files).
 *
 * @param vm            the user VM's key (letters, digits, {@code . _ -})
 * @param number        1, 2, 3… on the lineage of this VM
 * @param parentHash    content hash of the generation this one was resumed from ("" for the first)
 * @param baseSha256    SHA-256 of the base image the overlay applies to
 * @param baseFormat    {@code qcow2} or {@code raw}
 * @param virtualSize   the disk's size as the guest sees it
 * @param clusterSize   the overlay's cluster size
 * @param clusters      clusters the overlay holds (data and zero)
 * @param clustersHash  SHA-256 of the cluster index (guest cluster, kind, SHA-256 of the data)
 * @param memorySize    bytes of saved memory state; 0 when the VM was shut down rather than suspended
 * @param memoryHash    SHA-256 of the memory block index ("" without memory state)
 * @param domainUuid    the hypervisor's UUID of the VM (kept across hosts: the saved state carries it)
 * @param domainHash    SHA-256 of the VM's domain XML kept with the generation (to boot it after a shutdown)
 * @param publishedBy   the host (or server) that published it
 * @param published     when
 * @param contentHash   SHA-256 over all the fields above
 */
public record Generation(String vm, long number, String parentHash, String baseSha256, String baseFormat,
        long virtualSize, int clusterSize, long clusters, String clustersHash, long memorySize, String memoryHash,
        String domainUuid, String domainHash, String publishedBy, Instant published, String contentHash) {

    public Generation {
        Objects.requireNonNull(vm, "vm");
        Objects.requireNonNull(parentHash, "parentHash");
        Objects.requireNonNull(baseSha256, "baseSha256");
        Objects.requireNonNull(clustersHash, "clustersHash");
        Objects.requireNonNull(memoryHash, "memoryHash");
        Objects.requireNonNull(domainHash, "domainHash");
        Objects.requireNonNull(published, "published");
        if (number < 1) {
            throw new IllegalArgumentException("generation numbers start at 1: " + number);
        }
    }

    /** Whether the VM was suspended (resume continues where it was) rather than shut down (resume boots). */
    public boolean hasMemoryState() {
        return memorySize > 0;
    }
}
