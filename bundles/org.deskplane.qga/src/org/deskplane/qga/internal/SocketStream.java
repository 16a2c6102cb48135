package org.deskplane.qga.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.deskplane.qga.api.GuestAgentConnectionException;
import org.deskplane.qga.api.GuestAgentProtocolException;
import org.deskplane.qga.api.GuestAgentTimeoutException;

/**
 * A non-blocking Unix socket read and written against deadlines: a blocking channel has no read timeout,
 * and an agent that never answers must cost a timeout, not a thread. Reads are bounded by the caller.
 */
final class SocketStream implements AutoCloseable {
    private final Path path;
    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    private final ByteBuffer in = ByteBuffer.allocate(64 * 1024).flip(); // kept in read mode between calls

    private SocketStream(Path path, SocketChannel channel, Selector selector) throws IOException {
        this.path = path;
        this.channel = channel;
        this.selector = selector;
        channel.configureBlocking(false);
        this.key = channel.register(selector, 0);
    }

    static SocketStream connect(Path path) throws GuestAgentConnectionException {
        SocketChannel channel = null;
        try {
            // connecting to a Unix socket does not wait for the peer: it succeeds or fails at once
            channel = SocketChannel.open(UnixDomainSocketAddress.of(path));
            return new SocketStream(path, channel, Selector.open());
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw new GuestAgentConnectionException("cannot connect to the guest agent socket " + path + ": " + e, e);
        }
    }

    void write(byte[] bytes, long deadlineNanos, String what) throws GuestAgentTimeoutException, GuestAgentConnectionException {
        ByteBuffer out = ByteBuffer.wrap(bytes);
        try {
            while (out.hasRemaining()) {
                if (channel.write(out) == 0) {
                    await(SelectionKey.OP_WRITE, deadlineNanos, what);
                }
            }
        } catch (IOException e) {
            throw new GuestAgentConnectionException("writing to the guest agent at " + path + " failed: " + e, e);
        }
    }

    /**
     * Bytes up to (not including) the next {@code '\n'}.
     *
     * @throws GuestAgentProtocolException when more than {@code maxBytes} arrive without a newline
     */
    byte[] readLine(long deadlineNanos, int maxBytes, String what)
            throws GuestAgentTimeoutException, GuestAgentConnectionException, GuestAgentProtocolException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        while (true) {
            while (in.hasRemaining()) {
                byte b = in.get();
                if (b == '\n') {
                    return line.toByteArray();
                }
                if (line.size() >= maxBytes) {
                    throw new GuestAgentProtocolException("the guest agent at " + path + " sent more than " + maxBytes
                            + " bytes without ending its answer to " + what);
                }
                line.write(b);
            }
            fill(deadlineNanos, what);
        }
    }

    /**
     * Discards bytes up to and including the next {@code marker}.
     *
     * @throws GuestAgentProtocolException when more than {@code maxSkip} bytes come before it
     */
    void skipPast(byte marker, long deadlineNanos, long maxSkip, String what)
            throws GuestAgentTimeoutException, GuestAgentConnectionException, GuestAgentProtocolException {
        long skipped = 0;
        while (true) {
            while (in.hasRemaining()) {
                if (in.get() == marker) {
                    return;
                }
                if (++skipped > maxSkip) {
                    throw new GuestAgentProtocolException("the guest agent at " + path + " sent more than " + maxSkip
                            + " bytes that are not an answer to " + what);
                }
            }
            fill(deadlineNanos, what);
        }
    }

    /** Throws away what has arrived so far without waiting (stale answers of an earlier exchange). */
    void discardAvailable(long maxBytes) throws GuestAgentConnectionException {
        long discarded = in.remaining();
        in.position(in.limit());
        try {
            while (discarded < maxBytes) {
                in.clear();
                int n = channel.read(in);
                in.flip();
                if (n < 0) {
                    throw new GuestAgentConnectionException("the guest agent at " + path + " closed the connection");
                }
                if (n == 0) {
                    break;
                }
                discarded += n;
                in.position(in.limit());
            }
        } catch (IOException e) {
            throw new GuestAgentConnectionException("reading from the guest agent at " + path + " failed: " + e, e);
        }
    }

    private void fill(long deadlineNanos, String what) throws GuestAgentTimeoutException, GuestAgentConnectionException {
        try {
            while (true) {
                in.clear();
                int n = channel.read(in);
                in.flip();
                if (n < 0) {
                    throw new GuestAgentConnectionException(
                            "the guest agent at " + path + " closed the connection while answering " + what);
                }
                if (n > 0) {
                    return;
                }
                await(SelectionKey.OP_READ, deadlineNanos, what);
            }
        } catch (IOException e) {
            throw new GuestAgentConnectionException("reading from the guest agent at " + path + " failed: " + e, e);
        }
    }

    private void await(int op, long deadlineNanos, String what) throws IOException, GuestAgentTimeoutException {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
            throw timeout(what);
        }
        key.interestOps(op);
        selector.selectedKeys().clear();
        // select(0) would mean "forever": wait at least 1 ms
        selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
        key.interestOps(0);
        if (selector.selectedKeys().isEmpty() && deadlineNanos - System.nanoTime() <= 0) {
            throw timeout(what);
        }
    }

    private GuestAgentTimeoutException timeout(String what) {
        return new GuestAgentTimeoutException("the guest agent at " + path + " did not answer " + what + " in time");
    }

    Path path() {
        return path;
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() {
        closeQuietly(selector);
        closeQuietly(channel);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception e) {
                // closing is best effort: the socket is gone either way
            }
        }
    }
}
