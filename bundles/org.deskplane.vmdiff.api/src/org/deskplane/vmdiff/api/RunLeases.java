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

    /**
     * The user moved to {@code requester}: asks whoever holds the VM's lease to suspend it, push it and let go. The
     * holder learns it through {@link #releaseRequest} (hosts look regularly), which works across machines where no
     * host can call another. Nothing happens when the lease is free or {@code requester} holds it.
     */
    default void requestRelease(String vm, String requester) throws DifferenceException {
        throw new DifferenceException(DifferenceException.Kind.INVALID, "this lease table cannot pass on release requests");
    }

    /** Who asked the VM's holder to let go since the lease was last granted, if anyone. */
    default Optional<String> releaseRequest(String vm) {
        return Optional.empty();
    }
}
