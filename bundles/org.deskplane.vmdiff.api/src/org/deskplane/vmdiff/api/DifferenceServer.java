package org.deskplane.vmdiff.api;

/**
 * The server's side of VM differences as hosts use it: its copy to pull from, the run leases, and taking in a host's
 * newest generation. Hosts reach it as a service that may be absent: then the server is unreachable and a host
 * works from its own copy for the VMs whose lease it holds.
 */
public interface DifferenceServer {

    /** The server's copy, for hosts to pull from. */
    DifferenceSource copy();

    RunLeases leases();

    /** Takes a base image into the server's copy (see {@link VmHost#installBase}). */
    String installBase(java.nio.file.Path image, String format, String expectedSha256) throws DifferenceException;

    /** The base images the server holds, for hosts to fetch. */
    java.util.List<BaseImage> bases() throws java.io.IOException;

    /** SHA-256 of each {@link BaseImage#BLOCK}-sized block of a base image, in order. */
    java.util.List<byte[]> baseBlocks(String sha256) throws java.io.IOException;

    /** Fills {@code dst} from {@code offset} of a base image (as far as the image and dst's remaining go). */
    void readBase(String sha256, long offset, java.nio.ByteBuffer dst) throws java.io.IOException;

    /**
     * Pulls {@code host}'s newest generation of the VM into the server's copy. Only the VM's current lease holder
     * may push (a stale holder is refused: {@link DifferenceException.Kind#LEASE_HELD}); a copy that went another
     * way is refused as {@link DifferenceException.Kind#DIVERGED} and reported, never merged.
     */
    Generation accept(DifferenceSource host, RunLease lease) throws DifferenceException;
}
