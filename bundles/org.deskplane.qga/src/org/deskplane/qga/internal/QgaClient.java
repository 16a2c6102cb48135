package org.deskplane.qga.internal;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.deskplane.qga.api.GuestAgentClient;
import org.deskplane.qga.api.GuestAgentConnectionException;
import org.deskplane.qga.api.GuestAgentException;
import org.deskplane.qga.api.GuestAgentInfo;
import org.deskplane.qga.api.GuestAgentOptions;
import org.deskplane.qga.api.GuestAgentProtocolException;
import org.deskplane.qga.api.GuestAgentTimeoutException;
import org.deskplane.qga.api.GuestExecRequest;
import org.deskplane.qga.api.GuestExecResult;
import org.deskplane.qga.api.GuestFileChunk;
import org.deskplane.qga.api.QgaTransport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The QGA commands over a {@link QgaTransport}. One call at a time (the agent is sequential), each bounded
 * by the call timeout; guest-exec polls guest-exec-status with a growing interval until the program exits
 * or its own timeout passes.
 */
public final class QgaClient implements GuestAgentClient {
    private static final long FIRST_POLL_MILLIS = 10;
    private static final long MAX_POLL_MILLIS = 250;

    private final QgaTransport transport;
    private final GuestAgentOptions options;
    private final QgaCodec codec;
    private volatile boolean closed;
    /** Set when an answer could not be understood: the stream may hold the rest of it. */
    private boolean resyncBeforeNextCall;

    public QgaClient(QgaTransport transport, GuestAgentOptions options) {
        this.transport = transport;
        this.options = options;
        this.codec = new QgaCodec(options.maxResponseBytes());
    }

    /** Opens a client that has synchronised with the agent; closes the transport when that fails. */
    public static QgaClient open(QgaTransport transport, GuestAgentOptions options) throws GuestAgentException {
        QgaClient client = new QgaClient(transport, options);
        try {
            client.resync();
            return client;
        } catch (GuestAgentException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    @Override
    public void ping() throws GuestAgentException {
        call("guest-ping", null);
    }

    @Override
    public GuestAgentInfo info() throws GuestAgentException {
        JsonNode info = call("guest-info", null);
        List<String> enabled = new ArrayList<>();
        JsonNode commands = info.get("supported_commands");
        if (commands != null && commands.isArray()) {
            for (JsonNode command : commands) {
                JsonNode name = command.get("name");
                JsonNode on = command.get("enabled");
                if (name != null && name.isTextual() && (on == null || on.asBoolean())) {
                    enabled.add(name.asText());
                }
            }
        }
        return new GuestAgentInfo(QgaCodec.textField("guest-info", info, "version"), enabled);
    }

    @Override
    public GuestExecResult exec(GuestExecRequest request) throws GuestAgentException {
        ObjectNode args = QgaCodec.arguments().put("path", request.path()).put("capture-output", true);
        request.args().forEach(args.putArray("arg")::add);
        if (!request.env().isEmpty()) {
            request.env().forEach(args.putArray("env")::add);
        }
        byte[] input = request.input();
        if (input != null) {
            args.put("input-data", QgaCodec.base64(input, 0, input.length));
        }
        long deadline = System.nanoTime() + request.timeout().toNanos();
        long pid = QgaCodec.longField("guest-exec", call("guest-exec", args), "pid");
        long pollMillis = FIRST_POLL_MILLIS;
        while (true) {
            JsonNode status = call("guest-exec-status", QgaCodec.arguments().put("pid", pid));
            if (QgaCodec.booleanField(status, "exited")) {
                return result(pid, status, request.maxOutputBytes());
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new GuestAgentTimeoutException(request.path() + " (guest pid " + pid + ") still runs after "
                        + request.timeout() + " in " + transport.describe() + "; it is left running in the guest");
            }
            sleep(Math.min(pollMillis, TimeUnit.NANOSECONDS.toMillis(remaining) + 1));
            pollMillis = Math.min(pollMillis * 2, MAX_POLL_MILLIS);
        }
    }

    private static GuestExecResult result(long pid, JsonNode status, int maxOutput) throws GuestAgentProtocolException {
        int exitCode = status.has("exitcode") ? (int) QgaCodec.longField("guest-exec-status", status, "exitcode") : -1;
        int signal = status.has("signal") ? (int) QgaCodec.longField("guest-exec-status", status, "signal") : 0;
        byte[] out = QgaCodec.base64Field("guest-exec-status", status, "out-data");
        byte[] err = QgaCodec.base64Field("guest-exec-status", status, "err-data");
        boolean outCut = QgaCodec.booleanField(status, "out-truncated") || out.length > maxOutput;
        boolean errCut = QgaCodec.booleanField(status, "err-truncated") || err.length > maxOutput;
        return new GuestExecResult(pid, exitCode, signal, Arrays.copyOf(out, Math.min(out.length, maxOutput)),
                Arrays.copyOf(err, Math.min(err.length, maxOutput)), outCut, errCut);
    }

    @Override
    public long openFile(String path, String mode) throws GuestAgentException {
        JsonNode handle = call("guest-file-open", QgaCodec.arguments().put("path", path).put("mode", mode));
        return QgaCodec.asLong("guest-file-open", handle);
    }

    @Override
    public GuestFileChunk readFile(long handle, int count) throws GuestAgentException {
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive, was " + count);
        }
        int asked = Math.min(count, options.fileChunkBytes());
        JsonNode read = call("guest-file-read", QgaCodec.arguments().put("handle", handle).put("count", asked));
        byte[] data = QgaCodec.base64Field("guest-file-read", read, "buf-b64");
        if (data.length > asked) {
            throw new GuestAgentProtocolException("the guest agent returned " + data.length + " bytes for a read of " + asked);
        }
        return new GuestFileChunk(data, QgaCodec.booleanField(read, "eof"));
    }

    @Override
    public long writeFile(long handle, byte[] data) throws GuestAgentException {
        int offset = 0;
        while (offset < data.length) {
            int length = Math.min(options.fileChunkBytes(), data.length - offset);
            JsonNode written = call("guest-file-write", QgaCodec.arguments().put("handle", handle)
                    .put("buf-b64", QgaCodec.base64(data, offset, length)).put("count", length));
            long count = QgaCodec.longField("guest-file-write", written, "count");
            if (count <= 0 || count > length) {
                throw new GuestAgentProtocolException(
                        "the guest agent wrote " + count + " of " + length + " bytes (handle " + handle + ")");
            }
            offset += (int) count;
        }
        return offset;
    }

    @Override
    public void closeFile(long handle) throws GuestAgentException {
        call("guest-file-close", QgaCodec.arguments().put("handle", handle));
    }

    @Override
    public void writeFile(String path, byte[] content) throws GuestAgentException {
        long handle = openFile(path, "wb");
        try {
            writeFile(handle, content);
        } catch (GuestAgentException | RuntimeException e) {
            closeAfterFailure(handle, e);
            throw e;
        }
        closeFile(handle);
    }

    @Override
    public byte[] readFile(String path, long maxBytes) throws GuestAgentException {
        long handle = openFile(path, "rb");
        try {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            while (true) {
                GuestFileChunk chunk = readFile(handle, options.fileChunkBytes());
                if (content.size() + (long) chunk.length() > maxBytes) {
                    throw new GuestAgentProtocolException("the guest file " + path + " is larger than " + maxBytes + " bytes");
                }
                content.writeBytes(chunk.data());
                if (chunk.eof() || chunk.length() == 0) {
                    break;
                }
            }
            closeFile(handle);
            return content.toByteArray();
        } catch (GuestAgentException | RuntimeException e) {
            closeAfterFailure(handle, e);
            throw e;
        }
    }

    private void closeAfterFailure(long handle, Exception failure) {
        try {
            closeFile(handle);
        } catch (GuestAgentException | RuntimeException e) {
            failure.addSuppressed(e); // the first failure is the one to report
        }
    }

    @Override
    public synchronized void resync() throws GuestAgentException {
        ensureOpen();
        transport.resync(options.callTimeout());
        resyncBeforeNextCall = false;
    }

    /** One command: its return value, or the agent's error / a transport failure as an exception. */
    synchronized JsonNode call(String command, ObjectNode arguments) throws GuestAgentException {
        ensureOpen();
        if (resyncBeforeNextCall) {
            transport.resync(options.callTimeout());
            resyncBeforeNextCall = false;
        }
        String response;
        try {
            response = transport.execute(codec.command(command, arguments), options.callTimeout(), options.maxResponseBytes());
        } catch (GuestAgentTimeoutException e) {
            // the transport does not know which command it carried: say it here
            throw new GuestAgentTimeoutException(command + " timed out after " + options.callTimeout() + ": " + e.getMessage());
        }
        try {
            return codec.parseResponse(command, response);
        } catch (GuestAgentProtocolException e) {
            resyncBeforeNextCall = true;
            throw e;
        }
    }

    private void ensureOpen() throws GuestAgentConnectionException {
        if (closed) {
            throw new GuestAgentConnectionException("this guest agent client (" + transport.describe() + ") is closed");
        }
    }

    private static void sleep(long millis) throws GuestAgentConnectionException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GuestAgentConnectionException("interrupted while waiting for a guest program");
        }
    }

    public GuestAgentOptions options() {
        return options;
    }

    @Override
    public String describe() {
        return transport.describe();
    }

    @Override
    public void close() {
        closed = true;
        transport.close();
    }
}
