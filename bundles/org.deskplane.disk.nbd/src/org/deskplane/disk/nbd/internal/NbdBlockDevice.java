package org.deskplane.disk.nbd.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

import org.deskplane.disk.api.BlockDevice;

/**
 * An NBD export as a {@link BlockDevice}: a pool of up to {@code maxConnections} connections, opened as concurrent
 * readers need them. A connection that failed is dropped (the next read opens another), so one broken exchange
 * does not poison the device.
 */
final class NbdBlockDevice implements BlockDevice {
    private final Path socket;
    private final String exportName;
    private final Duration timeout;
    private final int maxConnections;
    private final long size;
    private final LinkedBlockingDeque<NbdConnection> idle = new LinkedBlockingDeque<>();
    /** Every open connection, idle or busy; guarded by {@code this}. */
    private final List<NbdConnection> open = new ArrayList<>();
    private boolean closed;

    NbdBlockDevice(Path socket, String exportName, Duration timeout, int maxConnections) throws IOException {
        this.socket = socket;
        this.exportName = exportName;
        this.timeout = timeout;
        this.maxConnections = maxConnections;
        NbdConnection first = NbdConnection.open(socket, exportName, timeout);
        this.size = first.size();
        open.add(first);
        idle.add(first);
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void read(long offset, byte[] buffer, int bufferOffset, int length) throws IOException {
        NbdConnection connection = borrow();
        boolean healthy = false;
        try {
            connection.read(offset, buffer, bufferOffset, length);
            healthy = true;
        } catch (java.io.EOFException e) {
            healthy = connection.isOpen(); // a request beyond the end is refused before anything is sent
            throw e;
        } finally {
            giveBack(connection, healthy);
        }
    }

    private NbdConnection borrow() throws IOException {
        NbdConnection connection = idle.pollFirst();
        if (connection != null) {
            return connection;
        }
        synchronized (this) {
            if (closed) {
                throw new IOException(describe() + " is closed");
            }
            if (open.size() < maxConnections) {
                NbdConnection added = NbdConnection.open(socket, exportName, timeout);
                open.add(added);
                return added;
            }
        }
        try {
            connection = idle.pollFirst(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for a connection to " + describe());
        }
        if (connection == null) {
            throw new IOException(describe() + ": every connection stayed busy for " + timeout.toSeconds() + " s");
        }
        return connection;
    }

    private void giveBack(NbdConnection connection, boolean healthy) {
        synchronized (this) {
            if (healthy && !closed) {
                idle.addFirst(connection);
                return;
            }
            open.remove(connection);
        }
        connection.close();
    }

    @Override
    public String describe() {
        return "NBD export '" + exportName + "' at " + socket;
    }

    @Override
    public void close() {
        List<NbdConnection> all;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            all = List.copyOf(open);
            open.clear();
            idle.clear();
        }
        // a busy connection's close waits for its read to end (its methods are synchronized)
        all.forEach(NbdConnection::close);
    }
}
