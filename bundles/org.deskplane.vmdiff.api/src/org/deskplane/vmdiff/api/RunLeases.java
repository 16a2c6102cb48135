package org.deskplane.vmdiff.api;

import java.util.Optional;

/** The server's table of run leases: one holder per VM, granted atomically and kept across restarts. */
public interface RunLeases {

    /**
     * Grants the VM's lease to {@code holder}: when nobody holds it, or {@code holder} already does (a new token
     * then). Fails with {@link DifferenceException.Kind#LEASE_HELD} naming the holder otherwise.
     */
    RunLease acquire(String vm, String holder) throws DifferenceException;

    /** Gives the lease back; a stale token (the lease was granted again since) is refused. */
    void release(RunLease lease) throws DifferenceException;

    /** Whether {@code lease} is the VM's current lease (fencing check before publishing). */
    boolean isCurrent(RunLease lease);

    Optional<RunLease> current(String vm);
}
