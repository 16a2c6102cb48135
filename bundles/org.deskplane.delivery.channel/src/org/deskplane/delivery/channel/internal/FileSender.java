package org.deskplane.delivery.channel.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.deskplane.channel.api.ChannelException;
import org.deskplane.channel.api.ChannelPeer;
import org.deskplane.channel.api.ChannelStream;
import org.deskplane.delivery.api.DeliveryException;
import org.deskplane.delivery.api.DeliveryException.Reason;
import org.deskplane.delivery.wire.DeliveryWire;

/**
 * Sends one file on a {@code delivery.copy} stream (4-byte header length, header, the bytes) and reads the agent's
 * one-line answer. A watchdog resets the stream when the whole transfer takes longer than its time limit, so a
 * guest that stops reading cannot hold the delivery.
 */
final class FileSender {
    private static final int MAX_ANSWER = 1024;
    private static final int BLOCK = 64 << 10;
    private final ScheduledExecutorService watchdog;

    FileSender(ScheduledExecutorService watchdog) {
        this.watchdog = watchdog;
    }

    void send(ChannelPeer peer, String vm, String jobId, String path, long size, String sha256, InputStream content,
            Duration limit) throws DeliveryException {
        ChannelStream stream;
        try {
            stream = peer.openStream(DeliveryWire.COPY_STREAM);
        } catch (ChannelException e) {
            throw AgentLink.translate(vm, DeliveryWire.COPY_STREAM, limit, e);
        }
        ScheduledFuture<?> guard = watchdog.schedule(
                () -> stream.reset(ChannelException.TIMEOUT, "copy of " + path + " took longer than " + limit.toSeconds() + " s"),
                limit.toMillis(), TimeUnit.MILLISECONDS);
        String answer;
        try {
            OutputStream out = stream.output();
            byte[] header = DeliveryWire.copyHeader(jobId, path, size, sha256).toBytes();
            DataOutputStream data = new DataOutputStream(out);
            data.writeInt(header.length);
            data.write(header);
            byte[] buffer = new byte[BLOCK];
            long left = size;
            while (left > 0) {
                int n = content.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    stream.reset("short-file", path + " is shorter than the manifest says");
                    throw new DeliveryException(Reason.FAILED, "payload file " + path + " in the repository is shorter than its manifest entry (" + size + " bytes)");
                }
                data.write(buffer, 0, n);
                left -= n;
            }
            data.flush();
            out.close(); // FIN: the agent has everything
            answer = readLine(stream.input());
        } catch (IOException e) {
            throw new DeliveryException(guard.isDone() ? Reason.TIMEOUT : Reason.TRANSIENT,
                    "copy of " + path + " to VM " + vm + " broke: " + e.getMessage(), e);
        } finally {
            guard.cancel(false);
            stream.close();
        }
        if (!answer.equals("ok")) {
            String reason = answer.startsWith("error ") ? answer.substring(6) : answer;
            throw new DeliveryException(Reason.FAILED, "the agent of VM " + vm + " refused " + path + ": " + reason);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int c; (c = in.read()) >= 0 && c != '\n';) {
            if (line.size() >= MAX_ANSWER) {
                break;
            }
            line.write(c);
        }
        if (line.size() == 0) {
            throw new IOException("the agent closed the stream without an answer");
        }
        return line.toString(StandardCharsets.UTF_8).strip();
    }
}
