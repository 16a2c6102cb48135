package org.deskplane.vmdiff.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * A copy of VM differences that another copy can pull from: on this computer, or across the network. Reads are by
 * generation, so a copy that publishes meanwhile does not change what is being read.
 */
public interface DifferenceSource {

    /** Where the copy is ("server", a host's id). */
    String location();

    Optional<Generation> head(String vm) throws IOException;

    Optional<Generation> generation(String vm, long number) throws IOException;

    /** The generation's clusters, ascending by guest cluster. */
    List<ClusterEntry> clusters(String vm, long number) throws IOException;

    /** Fills {@code dst} with one data cluster of the generation's overlay. */
    void readCluster(String vm, long number, long guestIndex, ByteBuffer dst) throws IOException;

    /** The VM's domain XML kept with the generation. */
    String domainXml(String vm, long number) throws IOException;

    /** SHA-256 per block of the saved memory state (empty without one). */
    List<byte[]> memoryBlocks(String vm, long number) throws IOException;

    /** Fills {@code dst} with block {@code block} of the saved memory state (the last block may be short). */
    void readMemoryBlock(String vm, long number, int block, ByteBuffer dst) throws IOException;
}
