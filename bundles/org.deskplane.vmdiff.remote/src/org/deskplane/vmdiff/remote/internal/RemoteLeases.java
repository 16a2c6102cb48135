package org.deskplane.vmdiff.remote.internal;

import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

import org.deskplane.vmdiff.api.DifferenceException;
import org.deskplane.vmdiff.api.DifferenceException.Kind;
import org.deskplane.vmdiff.api.RunLease;
import org.deskplane.vmdiff.api.RunLeases;

/**
 * The server's lease table over HTTP. The server grants under one lock, so of two hosts that ask at once one gets
 * the lease and the other a LEASE_HELD naming the holder. {@link #current} and {@link #isCurrent} cannot throw:
 * without an answer from the server they say "not known" (empty, false), which makes a host refuse rather than
 * assume it may run a VM.
 */
final class RemoteLeases implements RunLeases {
    private static final Logger LOG = Logger.getLogger(RemoteLeases.class.getName());
    private static final long SMALL = 64 * 1024;
    private final WireClient wire;

    RemoteLeases(WireClient wire) {
        this.wire = wire;
    }

    @Override
    public RunLease acquire(String vm, String holder) throws DifferenceException {
        try {
            return WireFormat.lease(WireClient.json(wire.postJson(path(vm) + "/acquire", Map.of("holder", holder), SMALL)));
        } catch (WireFailure e) {
            throw e.asDifference();
        } catch (IllegalArgumentException e) {
            throw new DifferenceException(Kind.INVALID, "the server answered with a malformed lease: " + e.getMessage(), e);
        }
    }

    @Override
    public void release(RunLease lease) throws DifferenceException {
        try {
            wire.postJson(path(lease.vm()) + "/release", Map.of("holder", lease.holder(), "token", lease.token()), SMALL);
        } catch (WireFailure e) {
            throw e.asDifference();
        }
    }

    @Override
    public boolean isCurrent(RunLease lease) {
        return current(lease.vm()).map(lease::equals).orElse(false);
    }

    @Override
    public Optional<RunLease> current(String vm) {
        try {
            return Optional.of(WireFormat.lease(WireClient.json(wire.get(path(vm), SMALL))));
        } catch (WireFailure e) {
            if (e.kind != Kind.NOT_FOUND) {
                LOG.info("the lease of " + vm + " could not be read from the server: " + e.getMessage());
            }
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            LOG.warning("the server answered with a malformed lease of " + vm + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void requestRelease(String vm, String requester) throws DifferenceException {
        try {
            wire.postJson(path(vm) + "/release-request", Map.of("requester", requester), SMALL);
        } catch (WireFailure e) {
            throw e.asDifference();
        }
    }

    @Override
    public Optional<String> releaseRequest(String vm) {
        try {
            return Optional.of(WireFormat.text(WireClient.json(wire.get(path(vm) + "/release-request", SMALL)), "requester"));
        } catch (WireFailure e) {
            if (e.kind != Kind.NOT_FOUND) {
                LOG.info("the release request of " + vm + " could not be read from the server: " + e.getMessage());
            }
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            LOG.warning("the server answered with a malformed release request of " + vm + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private static String path(String vm) {
        return WireResource.BASE + "/leases/" + WireClient.segment(vm);
    }
}
