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
     * Resumes a VM here from the newest verified copy: with the server reachable, the lease is taken (a host that
     * holds it is asked to suspend and let go) and a newer server copy is pulled first; without the server, only a
     * VM whose lease this host holds resumes, from this host's copy.
     */
    void resume(String vm) throws DifferenceException;

    /**
     * Another host wants the VM: suspend it if it runs here, push the newest generation to the server and give the
     * lease back.
     */
    void release(String vm) throws DifferenceException;

    /** VMs running here now. */
    List<String> running();
}
