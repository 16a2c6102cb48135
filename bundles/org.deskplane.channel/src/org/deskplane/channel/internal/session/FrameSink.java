package org.deskplane.channel.internal.session;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.deskplane.channel.internal.wire.FrameCodec;

/**
 * The one place that writes frames to a transport: a lock keeps frames whole when several threads write
 * (handshake, the connection's writer, stream writers); buffered so header and payload go out together.
 */
public final class FrameSink {

    /** Stream data is cut into chunks that fit the buffer with their header: one write call per frame. */
    public static final int CHUNK = 64 << 10;

    private final ReentrantLock lock = new ReentrantLock();
    private final OutputStream out;

    public FrameSink(OutputStream raw) {
        this.out = new BufferedOutputStream(raw, CHUNK + FrameCodec.HEADER_BYTES);
    }

    public void write(int type, int flags, int stream, byte[] payload) throws IOException {
        lock.lock();
        try {
            FrameCodec.write(out, type, flags, stream, payload);
            out.flush();
        } finally {
            lock.unlock();
        }
    }

    /** Writes unless the lock stays taken (a writer blocked on a peer that does not read) beyond the timeout. */
    public boolean tryWrite(int type, int flags, int stream, byte[] payload, int off, int len, long timeoutMillis)
            throws IOException {
        try {
            if (!lock.tryLock(timeoutMillis, TimeUnit.MILLISECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting to write", e);
        }
        try {
            FrameCodec.write(out, type, flags, stream, payload, off, len);
            out.flush();
            return true;
        } finally {
            lock.unlock();
        }
    }

    ReentrantLock lock() {
        return lock;
    }

    /** Caller holds {@link #lock()}. */
    void writeLocked(int type, int flags, int stream, byte[] payload) throws IOException {
        FrameCodec.write(out, type, flags, stream, payload);
    }

    /** Caller holds {@link #lock()}. */
    void flushLocked() throws IOException {
        out.flush();
    }
}
