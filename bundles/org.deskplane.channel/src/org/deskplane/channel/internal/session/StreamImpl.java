package org.deskplane.channel.internal.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.deskplane.channel.api.ChannelException;
import org.deskplane.channel.api.ChannelStream;
import org.deskplane.channel.internal.wire.Frame;
import org.deskplane.channel.internal.wire.FrameType;
import org.deskplane.channel.internal.wire.PayloadWriter;
import org.deskplane.channel.internal.wire.ProtocolException;
import org.deskplane.channel.internal.wire.Reason;

/**
 * One multiplexed stream with credit-based flow control in both directions. Sending: a writer may have at
 * most the peer's window in flight, then waits for WINDOW_UPDATE (and fails after the write timeout).
 * Receiving: at most our window is ever buffered; credit goes back as the application reads.
 */
final class StreamImpl implements ChannelStream {

    private final int id;
    private final String type;
    private final Connection connection;
    private final int localWindow;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    private long sendCredit;
    private boolean outputClosed;
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private int chunkPos;
    private long buffered;
    private long receiveAllowance;
    private long consumedSinceUpdate;
    private boolean inputFinished;
    private boolean inputDiscarded;
    private String resetCode;
    private String resetMessage;

    private final InputStream input = new Input();
    private final OutputStream output = new Output();

    StreamImpl(int id, String type, Connection connection, int peerWindow, int localWindow) {
        this.id = id;
        this.type = type;
        this.connection = connection;
        this.sendCredit = peerWindow;
        this.localWindow = localWindow;
        this.receiveAllowance = localWindow;
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public String streamType() {
        return type;
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    /** Bytes received and not yet read by the application (never more than our window). */
    long bufferedBytes() {
        lock.lock();
        try {
            return buffered;
        } finally {
            lock.unlock();
        }
    }

    void onData(byte[] payload, boolean fin) throws ProtocolException {
        lock.lock();
        try {
            if (payload.length > receiveAllowance) {
                throw new ProtocolException(ChannelException.FLOW_CONTROL, "stream " + id + ": peer sent "
                        + payload.length + " bytes with only " + receiveAllowance + " bytes of credit");
            }
            receiveAllowance -= payload.length;
            if (inputDiscarded) {
                grantLocked(payload.length);
            } else if (payload.length > 0) {
                chunks.add(payload);
                buffered += payload.length;
            }
            if (fin) {
                inputFinished = true;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        maybeForget();
    }

    void onWindowUpdate(int increment) throws ProtocolException {
        lock.lock();
        try {
            long credit = sendCredit + (increment & 0xFFFF_FFFFL);
            if (credit > Integer.MAX_VALUE) {
                throw new ProtocolException(ChannelException.FLOW_CONTROL, "stream " + id + ": window overflow");
            }
            sendCredit = credit;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void onReset(String code, String message) {
        lock.lock();
        try {
            if (resetCode == null) {
                resetCode = code;
                resetMessage = message;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        connection.forgetStream(id);
    }

    @Override
    public void reset(String code, String message) {
        onReset(code, message);
        connection.control(FrameType.STREAM_RESET, 0, id, new Reason(code, message).encode());
    }

    @Override
    public void close() {
        try {
            output.close();
        } catch (IOException e) {
            // the stream or connection is gone already: nothing left to close
        }
        lock.lock();
        try {
            inputDiscarded = true;
            long unread = buffered;
            chunks.clear();
            buffered = 0;
            if (unread > 0) {
                grantLocked(unread);
            }
        } finally {
            lock.unlock();
        }
        maybeForget();
    }

    private void maybeForget() {
        boolean done;
        lock.lock();
        try {
            done = outputClosed && (inputFinished || inputDiscarded);
        } finally {
            lock.unlock();
        }
        if (done) {
            connection.forgetStream(id);
        }
    }

    /** Gives credit back; called with the lock held. WINDOW_UPDATE goes through the writer, never blocks us. */
    private void grantLocked(long n) {
        consumedSinceUpdate += n;
        if (consumedSinceUpdate >= localWindow / 2 || inputDiscarded) {
            int grant = (int) consumedSinceUpdate;
            consumedSinceUpdate = 0;
            receiveAllowance += grant;
            connection.control(FrameType.WINDOW_UPDATE, 0, id, new PayloadWriter().u32(grant).toByteArray());
        }
    }

    private IOException resetException() {
        return new IOException(new ChannelException(resetCode, "stream " + id + " reset: " + resetMessage));
    }

    private final class Input extends InputStream {

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            lock.lock();
            try {
                while (chunks.isEmpty() && !inputFinished && resetCode == null) {
                    changed.awaitUninterruptibly();
                }
                if (resetCode != null) {
                    throw resetException();
                }
                if (chunks.isEmpty()) {
                    return -1;
                }
                int n = 0;
                while (n < len && !chunks.isEmpty()) {
                    byte[] head = chunks.peek();
                    int take = Math.min(len - n, head.length - chunkPos);
                    System.arraycopy(head, chunkPos, b, off + n, take);
                    n += take;
                    chunkPos += take;
                    if (chunkPos == head.length) {
                        chunks.poll();
                        chunkPos = 0;
                    }
                }
                buffered -= n;
                grantLocked(n);
                return n;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, bufferedBytes());
        }

        @Override
        public void close() {
            StreamImpl.this.close();
        }
    }

    private final class Output extends OutputStream {

        @Override
        public void write(int b) throws IOException {
            write(new byte[] { (byte) b }, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            long timeout = connection.settings().streamWriteTimeoutMillis();
            while (len > 0) {
                int n;
                lock.lock();
                try {
                    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout);
                    while (sendCredit == 0 && resetCode == null && !outputClosed) {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            throw new IOException(new ChannelException(ChannelException.TIMEOUT, "stream " + id
                                    + ": the peer granted no credit for " + timeout + " ms (it stopped reading)"));
                        }
                        changed.awaitNanos(left);
                    }
                    if (resetCode != null) {
                        throw resetException();
                    }
                    if (outputClosed) {
                        throw new IOException("stream " + id + " output is closed");
                    }
                    n = (int) Math.min(Math.min(len, sendCredit), connection.dataChunk());
                    sendCredit -= n;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for stream credit", e);
                } finally {
                    lock.unlock();
                }
                connection.writeData(id, 0, b, off, n);
                off += n;
                len -= n;
            }
        }

        @Override
        public void close() throws IOException {
            lock.lock();
            try {
                if (outputClosed || resetCode != null) {
                    outputClosed = true;
                    return;
                }
                outputClosed = true;
            } finally {
                lock.unlock();
            }
            connection.writeData(id, Frame.FLAG_FIN, new byte[0], 0, 0);
            maybeForget();
        }
    }
}
