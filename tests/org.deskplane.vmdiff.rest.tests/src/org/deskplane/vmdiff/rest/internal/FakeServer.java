package org.deskplane.vmdiff.rest.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.deskplane.vmdiff.api.BaseImage;
import org.deskplane.vmdiff.api.DifferenceException;
import org.deskplane.vmdiff.api.DifferenceServer;
import org.deskplane.vmdiff.api.DifferenceSource;
import org.deskplane.vmdiff.api.Generation;
import org.deskplane.vmdiff.api.RunLease;
import org.deskplane.vmdiff.api.RunLeases;
import org.deskplane.vmdiff.store.DifferenceCopy;

/** The server's side over a real {@link DifferenceCopy}, with leases in memory. */
final class FakeServer implements DifferenceServer, RunLeases {

    final DifferenceCopy copy;
    private final Map<String, RunLease> leases = new ConcurrentHashMap<>();
    private long tokens;

    FakeServer(DifferenceCopy copy) {
        this.copy = copy;
    }

    @Override
    public DifferenceSource copy() {
        return copy;
    }

    @Override
    public RunLeases leases() {
        return this;
    }

    @Override
    public String installBase(Path image, String format, String expectedSha256) throws DifferenceException {
        try {
            return copy.installBase(image, format, expectedSha256);
        } catch (IOException e) {
            throw new DifferenceException(DifferenceException.Kind.NOT_FOUND, e.getMessage(), e);
        }
    }

    @Override
    public List<BaseImage> bases() throws IOException {
        return copy.bases();
    }

    @Override
    public List<byte[]> baseBlocks(String sha256) throws IOException {
        throw new UnsupportedOperationException("not used by the routes");
    }

    @Override
    public void readBase(String sha256, long offset, ByteBuffer dst) throws IOException {
        throw new UnsupportedOperationException("not used by the routes");
    }

    @Override
    public Generation accept(DifferenceSource host, RunLease lease) throws DifferenceException {
        throw new UnsupportedOperationException("not used by the routes");
    }

    @Override
    public synchronized RunLease acquire(String vm, String holder) throws DifferenceException {
        RunLease now = leases.get(vm);
        if (now != null && !now.holder().equals(holder)) {
            throw new DifferenceException(DifferenceException.Kind.LEASE_HELD, vm + " is held by " + now.holder());
        }
        RunLease lease = new RunLease(vm, holder, ++tokens);
        leases.put(vm, lease);
        return lease;
    }

    @Override
    public void release(RunLease lease) {
        leases.remove(lease.vm(), lease);
    }

    @Override
    public boolean isCurrent(RunLease lease) {
        return lease.equals(leases.get(lease.vm()));
    }

    @Override
    public Optional<RunLease> current(String vm) {
        return Optional.ofNullable(leases.get(vm));
    }
}
