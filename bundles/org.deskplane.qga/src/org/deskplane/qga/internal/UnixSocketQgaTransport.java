package org.deskplane.qga.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.deskplane.qga.api.GuestAgentConnectionException;
import org.deskplane.qga.api.GuestAgentException;
import org.deskplane.qga.api.GuestAgentProtocolException;
import org.deskplane.qga.api.QgaTransport;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * QGA over a Unix socket: one JSON object per line each way. The stream may hold stale bytes (an answer
 * that came after its timeout, half a command of an earlier client), so before the first command and
 * after any timeout or protocol error it resynchronises the way the QGA protocol prescribes: send a raw
 * 0xFF (the agent drops any half-read input), then {@code guest-sync-delimited} with a fresh id, then
 * ignore everything up to a 0xFF followed by the answer carrying that id.
 */
public final class UnixSocketQgaTransport implements QgaTransport {
    static final byte SYNC_MARKER = (byte) 0xFF;
    private static final String SYNC = "guest-sync-delimited";

    private final SocketStream stream;
    private final QgaCodec codec;
    private boolean inSync;
    private boolean closed;

    private UnixSocketQgaTransport(SocketStream stream, int maxResponseBytes) {
        this.stream = stream;
        this.codec = new QgaCodec(maxResponseBytes);
    }

    /** Connects (without talking yet: the first command or {@link #resync} synchronises). */
    public static UnixSocketQgaTransport connect(Path socket, int maxResponseBytes) throws GuestAgentConnectionException {
        return new UnixSocketQgaTransport(SocketStream.connect(socket), maxResponseBytes);
    }

    @Override
    public synchronized String execute(String commandJson, Duration timeout, int maxResponseBytes) throws GuestAgentException {
        ensureOpen();
        long deadline = deadline(timeout);
        if (!inSync) {
            sync(deadline);
        }
        try {
            stream.write((commandJson + "\n").getBytes(StandardCharsets.UTF_8), deadline, "the command");
            byte[] line = stream.readLine(deadline, maxResponseBytes, "the command");
            return new String(line, StandardCharsets.UTF_8);
        } catch (GuestAgentException e) {
            inSync = false; // whatever comes next may be the rest of this answer
            throw e;
        }
    }

    @Override
    public synchronized void resync(Duration timeout) throws GuestAgentException {
        ensureOpen();
        inSync = false;
        sync(deadline(timeout));
    }

    private void sync(long deadline) throws GuestAgentException {
        // positive and below 2^31: old agents parse the id as a signed 32-bit number
        long id = ThreadLocalRandom.current().nextLong(1, Integer.MAX_VALUE);
        int max = codec.maxResponseBytes();
        stream.discardAvailable(max);
        String command = codec.command(SYNC, QgaCodec.arguments().put("id", id));
        byte[] text = (command + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[text.length + 1];
        bytes[0] = SYNC_MARKER;
        System.arraycopy(text, 0, bytes, 1, text.length);
        stream.write(bytes, deadline, SYNC);
        while (true) {
            stream.skipPast(SYNC_MARKER, deadline, max, SYNC);
            String line = new String(stream.readLine(deadline, max, SYNC), StandardCharsets.UTF_8);
            JsonNode answer = codec.parse(SYNC, line);
            JsonNode returned = answer.get("return");
            if (returned != null && returned.isIntegralNumber() && returned.asLong() == id) {
                inSync = true;
                return;
            }
            if (answer.has("error")) {
                throw new GuestAgentProtocolException("the guest agent at " + stream.path() + " refused " + SYNC + ": " + line);
            }
            // the answer to an older sync that timed out: keep looking for ours
        }
    }

    private static long deadline(Duration timeout) {
        return System.nanoTime() + timeout.toNanos();
    }

    private void ensureOpen() throws GuestAgentConnectionException {
        if (closed || !stream.isOpen()) {
            throw new GuestAgentConnectionException("the connection to the guest agent at " + stream.path() + " is closed");
        }
    }

    @Override
    public String describe() {
        return "qemu-ga on unix socket " + stream.path();
    }

    @Override
    public synchronized void close() {
        closed = true;
        stream.close();
    }
}
