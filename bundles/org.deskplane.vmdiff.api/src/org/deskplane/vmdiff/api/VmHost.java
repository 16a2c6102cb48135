package org.deskplane.vmdiff.api;

import java.util.List;

/**
 * A computer that runs user VMs on its copy of their differences (a host, or the server itself). Registered as a
 * service with {@value #ID} naming the host.
 */
public interface VmHost {
    String ID = "vmdiff.host";

    String hostId();

    /**
     * Starts a user VM for the first time on this host: a new, empty overlay on the base, then the domain XML with
     * its first disk pointed at that overlay. Takes the VM's run lease.
     */
    void launch(String vm, String domainXml, String baseSha256, String baseFormat) throws DifferenceException;

    /**
     * Suspends a VM running here: its memory state is saved, the overlay and the state become a new generation
     * (published here, then pushed to the server when it can be reached). The host keeps the lease, so the VM can
     * resume here even without the server.
     */
    Generation suspend(String vm) throws DifferenceException;

    /**
     * Resumes a VM here from the newest verified copy. With the server reachable the lease is taken first (refused
     * with {@link DifferenceException.Kind#LEASE_HELD} while another host holds it: of two hosts that try at once,
     * exactly one resumes) and a newer server copy is pulled; without the server, only a VM whose lease this host
     * still holds resumes, from this host's copy.
     */
    void resume(String vm) throws DifferenceException;

    /**
     * The user moved here: the host holding the VM is asked to suspend it, push it and let go of the lease, then the
     * VM resumes here as {@link #resume} does.
     */
    void moveHere(String vm) throws DifferenceException;

    /**
     * Another host wants the VM: suspend it if it runs here, push the newest generation to the server and give the
     * lease back.
     */
    void release(String vm) throws DifferenceException;

    /**
     * Takes a base image into this host's copy, named by its SHA-256 (computed here; it must equal
     * {@code expectedSha256} when given, else {@link DifferenceException.Kind#BASE_MISMATCH}). Returns the hash.
     */
    String installBase(java.nio.file.Path image, String format, String expectedSha256) throws DifferenceException;

    /**
     * Fetches a base image from the server into this host's copy, block by block, each block checked against its
     * SHA-256 and the whole image against its name; an interrupted fetch goes on from the blocks already here.
     * Returns at once when the host already has it.
     */
    void fetchBase(String sha256) throws DifferenceException;

    /**
     * Shuts the VM down (ACPI, as a user would) and keeps its disk as the next generation, without memory state:
     * resuming it boots from that disk.
     */
    Generation shutdown(String vm, java.time.Duration timeout) throws DifferenceException;

    /** What this host is doing with the VM right now, if anything. */
    java.util.Optional<Activity> activity(String vm);

    /** This host's copy, to read generations from (the server pulls through it). */
    DifferenceSource copy();

    /** VMs running here now. */
    List<String> running();
}
