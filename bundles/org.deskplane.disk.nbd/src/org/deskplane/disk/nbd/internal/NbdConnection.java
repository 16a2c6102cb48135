package org.deskplane.disk.nbd.internal;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One connection to an NBD server, in the transmission phase after a fixed-newstyle handshake that selected one
 * export with {@code NBD_OPT_GO}. Requests are answered in order on a connection, so reads are serialised here and
 * concurrency comes from several connections. Nothing the server says is trusted: lengths are bounded, magics and
 * cookies checked, and every exchange has a deadline after which the connection is closed.
 */
final class NbdConnection implements AutoCloseable {
    static final long NBDMAGIC = 0x4e42444d41474943L;
    static final long IHAVEOPT = 0x49484156454f5054L;
    static final long OLDSTYLE_MAGIC = 0x00420281861253L;
    static final long OPTION_REPLY_MAGIC = 0x0003e889045565a9L;
    static final int REQUEST_MAGIC = 0x25609513;
    static final int SIMPLE_REPLY_MAGIC = 0x67446698;
    static final int FLAG_FIXED_NEWSTYLE = 1;
    static final int FLAG_NO_ZEROES = 2;
    static final int OPT_GO = 7;
    static final int REP_ACK = 1;
    static final int REP_INFO = 3;
    static final int REP_FLAG_ERROR = 0x80000000;
    static final int INFO_EXPORT = 0;
    static final short CMD_READ = 0;
    static final short CMD_DISC = 2;

    /** Largest read per request: well under every server's limit (QEMU: 32 MiB). */
    static final int MAX_REQUEST = 1 << 20;
    private static final int MAX_OPTION_REPLY = 64 * 1024;
    private static final int MAX_OPTION_REPLIES = 64;
    private static final int MAX_EXPORT_NAME = 4096;

    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("deskplane-nbd-deadline").daemon().factory());

    private final SocketChannel channel;
    private final String describe;
    private final Duration timeout;
    private final long size;
    private final ByteBuffer header = ByteBuffer.allocate(28);
    private long cookie;

    private NbdConnection(SocketChannel channel, String describe, Duration timeout, long size) {
        this.channel = channel;
        this.describe = describe;
        this.timeout = timeout;
        this.size = size;
    }

    static NbdConnection open(Path socket, String exportName, Duration timeout) throws IOException {
        byte[] name = exportName.getBytes(StandardCharsets.UTF_8);
        if (name.length > MAX_EXPORT_NAME) {
            throw new IOException("NBD export name longer than " + MAX_EXPORT_NAME + " bytes");
        }
        String describe = "NBD export '" + exportName + "' at " + socket;
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        ScheduledFuture<?> deadline = DEADLINES.schedule(() -> closeQuietly(channel), timeout.toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            long size = handshake(channel, name, describe);
            return new NbdConnection(channel, describe, timeout, size);
        } catch (ClosedChannelException e) {
            closeQuietly(channel);
            throw new IOException(describe + ": no handshake within " + timeout.toSeconds() + " s", e);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw e instanceof IOException io && io.getMessage() != null && io.getMessage().startsWith(describe) ? io
                    : new IOException(describe + ": " + e.getMessage(), e);
        } finally {
            deadline.cancel(false);
        }
    }

    /** Runs the fixed-newstyle handshake and NBD_OPT_GO; returns the export's size. */
    private static long handshake(SocketChannel channel, byte[] name, String describe) throws IOException {
        ByteBuffer greeting = readFully(channel, 18);
        long magic = greeting.getLong();
        long second = greeting.getLong();
        if (magic != NBDMAGIC) {
            throw new IOException(describe + ": not an NBD server (no NBDMAGIC)");
        }
        if (second == OLDSTYLE_MAGIC) {
            throw new IOException(describe + ": the server speaks only the old-style handshake, which has no export names");
        }
        if (second != IHAVEOPT) {
            throw new IOException(describe + ": unknown NBD handshake magic 0x" + Long.toHexString(second));
        }
        int serverFlags = Short.toUnsignedInt(greeting.getShort());
        if ((serverFlags & FLAG_FIXED_NEWSTYLE) == 0) {
            throw new IOException(describe + ": the server does not offer the fixed newstyle handshake");
        }
        int clientFlags = FLAG_FIXED_NEWSTYLE | (serverFlags & FLAG_NO_ZEROES);
        ByteBuffer request = ByteBuffer.allocate(4 + 16 + 4 + name.length + 2);
        request.putInt(clientFlags);
        request.putLong(IHAVEOPT).putInt(OPT_GO).putInt(4 + name.length + 2);
        request.putInt(name.length).put(name).putShort((short) 0);
        writeFully(channel, request.flip());

        long size = -1;
        for (int replies = 0; replies < MAX_OPTION_REPLIES; replies++) {
            ByteBuffer reply = readFully(channel, 20);
            if (reply.getLong() != OPTION_REPLY_MAGIC) {
                throw new IOException(describe + ": bad option reply magic");
            }
            int option = reply.getInt();
            int type = reply.getInt();
            int length = reply.getInt();
            if (option != OPT_GO) {
                throw new IOException(describe + ": reply to option " + option + " while waiting for NBD_OPT_GO");
            }
            if (length < 0 || length > MAX_OPTION_REPLY) {
                throw new IOException(describe + ": option reply of " + Integer.toUnsignedString(length)
                        + " bytes (more than " + MAX_OPTION_REPLY + ")");
            }
            ByteBuffer data = readFully(channel, length);
            if ((type & REP_FLAG_ERROR) != 0) {
                String message = new String(data.array(), 0, Math.min(length, 1024), StandardCharsets.UTF_8);
                throw new IOException(describe + ": the server refused (error " + (type & ~REP_FLAG_ERROR) + ")"
                        + (message.isBlank() ? "" : ": " + message));
            }
            if (type == REP_ACK) {
                if (size < 0) {
                    throw new IOException(describe + ": the server did not tell the export's size");
                }
                return size;
            }
            if (type == REP_INFO && length >= 2 && data.getShort() == INFO_EXPORT) {
                if (length != 12) {
                    throw new IOException(describe + ": NBD_INFO_EXPORT of " + length + " bytes (12 expected)");
                }
                size = data.getLong();
                if (size < 0) {
                    throw new IOException(describe + ": negative export size");
                }
            }
            // other informational replies (block size, name, description) are not needed
        }
        throw new IOException(describe + ": more than " + MAX_OPTION_REPLIES + " option replies");
    }

    long size() {
        return size;
    }

    /** Reads {@code length} bytes at {@code offset}, in requests of at most {@link #MAX_REQUEST} bytes. */
    synchronized void read(long offset, byte[] buffer, int bufferOffset, int length) throws IOException {
        if (offset < 0 || length < 0 || offset > size - length) {
            throw new EOFException(describe + ": read of " + length + " bytes at " + offset + " beyond its end ("
                    + size + ")");
        }
        int done = 0;
        while (done < length) {
            int chunk = Math.min(MAX_REQUEST, length - done);
            readChunk(offset + done, ByteBuffer.wrap(buffer, bufferOffset + done, chunk));
            done += chunk;
        }
    }

    private void readChunk(long offset, ByteBuffer target) throws IOException {
        long expected = ++cookie;
        ScheduledFuture<?> deadline = DEADLINES.schedule(() -> closeQuietly(channel), timeout.toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            header.clear();
            header.putInt(REQUEST_MAGIC).putShort((short) 0).putShort(CMD_READ).putLong(expected).putLong(offset)
                    .putInt(target.remaining());
            writeFully(channel, header.flip());
            ByteBuffer reply = readFully(channel, 16);
            int magic = reply.getInt();
            int error = reply.getInt();
            long answered = reply.getLong();
            if (magic != SIMPLE_REPLY_MAGIC) {
                throw new IOException(describe + ": bad reply magic 0x" + Integer.toHexString(magic));
            }
            if (answered != expected) {
                throw new IOException(describe + ": reply for request " + answered + " while waiting for " + expected);
            }
            if (error != 0) {
                throw new IOException(describe + ": read of " + target.remaining() + " bytes at " + offset
                        + " failed on the server (errno " + error + ")");
            }
            while (target.hasRemaining()) {
                if (channel.read(target) < 0) {
                    throw new EOFException(describe + ": the server closed the connection mid-reply");
                }
            }
        } catch (ClosedChannelException e) {
            throw new IOException(describe + ": no answer within " + timeout.toSeconds() + " s (or disconnected)", e);
        } catch (IOException e) {
            // "Broken pipe" alone would not say which server went away
            throw e.getMessage() != null && e.getMessage().startsWith(describe) ? e
                    : new IOException(describe + ": " + e.getMessage(), e);
        } finally {
            deadline.cancel(false);
        }
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public synchronized void close() {
        if (channel.isOpen()) {
            try {
                ByteBuffer disconnect = ByteBuffer.allocate(28);
                disconnect.putInt(REQUEST_MAGIC).putShort((short) 0).putShort(CMD_DISC).putLong(++cookie).putLong(0)
                        .putInt(0);
                writeFully(channel, disconnect.flip());
            } catch (IOException e) {
                // the server went first; closing is all that is left
            }
        }
        closeQuietly(channel);
    }

    private static ByteBuffer readFully(SocketChannel channel, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new EOFException("the NBD server closed the connection");
            }
        }
        return buffer.flip();
    }

    private static void writeFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing to add
        }
    }
}
