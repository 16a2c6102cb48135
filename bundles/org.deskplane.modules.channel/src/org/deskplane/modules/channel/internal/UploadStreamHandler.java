package org.deskplane.modules.channel.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.deskplane.channel.api.ChannelPeer;
import org.deskplane.channel.api.ChannelStream;
import org.deskplane.channel.api.StreamHandler;
import org.deskplane.modules.api.ModuleException;
import org.deskplane.modules.api.ModuleHost;
import org.deskplane.modules.api.ModuleStatus;
import org.deskplane.modules.api.Requester;
import org.deskplane.modules.api.UploadSession;
import org.deskplane.modules.wire.ModuleAnswer;
import org.deskplane.modules.wire.UploadHeader;
import org.deskplane.modules.wire.WireException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code module.upload}: reads the header (u32 length, bounded), opens an {@link UploadSession}, feeds it exactly the
 * declared number of bytes as they arrive (never the whole jar in memory), waits for the guest's FIN, commits, and
 * answers on the stream (u32 length + answer). A stream that breaks or ends early, or carries more than declared,
 * closes the session without commit: the host's staging file is deleted and nothing is stored.
 */
@Component(service = StreamHandler.class, property = StreamHandler.STREAM_TYPE + "=" + org.deskplane.modules.wire.ModuleWire.UPLOAD)
public final class UploadStreamHandler implements StreamHandler {
    private static final Logger LOG = Logger.getLogger(UploadStreamHandler.class.getName());
    private static final int BLOCK = 64 << 10;

    @Reference
    private ModuleBridge bridge;

    @Override
    public void accept(ChannelStream stream, ChannelPeer from) throws IOException {
        ModuleAnswer answer;
        try {
            answer = receive(stream.input(), from);
        } catch (WireException e) {
            answer = e.toAnswer();
        } catch (Refusal e) {
            answer = e.toAnswer();
        } catch (ModuleException e) {
            answer = ModuleAnswer.of(e);
        } catch (IOException e) {
            // reset or lost connection: the session is closed already, and there is nobody to answer
            LOG.log(Level.FINE, "module upload from " + from.vmId() + " broke: " + e.getMessage());
            stream.close();
            return;
        } catch (RuntimeException e) {
            answer = ModuleAnswer.of(ModuleStatus.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        UploadHeader.writeFrame(stream.output(), answer.toBoundedBytes());
        stream.close();
    }

    private ModuleAnswer receive(InputStream in, ChannelPeer from) throws IOException, Refusal {
        UploadHeader header = UploadHeader.readFrom(in);
        ModuleHost host = bridge.host();
        Requester who = bridge.requester(from);
        UploadSession session = host.beginUpload(who, header.size(), header.sha256());
        boolean committed = false;
        try {
            copy(in, session, header.size());
            committed = true; // commit closes the session whatever its outcome
            return ModuleAnswer.of(session.commit());
        } finally {
            if (!committed) {
                session.close();
            }
        }
    }

    /** Exactly {@code size} bytes, then the end of the stream. */
    private static void copy(InputStream in, UploadSession session, long size) throws IOException {
        byte[] buffer = new byte[BLOCK];
        long left = size;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new ModuleException(ModuleStatus.CHECKSUM_MISMATCH, "the upload ended after " + (size - left)
                        + " of the " + size + " bytes declared; nothing was stored");
            }
            session.write(buffer, 0, n);
            left -= n;
        }
        if (in.read() >= 0) {
            throw new ModuleException(ModuleStatus.TOO_LARGE, "the upload carries more than the " + size
                    + " bytes declared; nothing was stored");
        }
    }
}
