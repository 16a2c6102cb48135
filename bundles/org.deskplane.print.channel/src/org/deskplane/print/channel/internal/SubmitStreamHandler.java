package org.deskplane.print.channel.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.deskplane.channel.api.ChannelPeer;
import org.deskplane.channel.api.ChannelStream;
import org.deskplane.channel.api.StreamHandler;
import org.deskplane.print.api.PrintException;
import org.deskplane.print.routing.PrintRouter;
import org.deskplane.print.routing.PrintingContext;
import org.deskplane.print.routing.SpooledJob;
import org.deskplane.print.wire.Answer;
import org.deskplane.print.wire.JobHeader;
import org.deskplane.print.wire.JobInfo;
import org.deskplane.print.wire.PrintWire;
import org.deskplane.print.wire.WireException;
import org.deskplane.print.wire.WireWriter;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code print.submit}: reads the job header (u32 length, at most {@link PrintWire#MAX_HEADER}), then hands the rest
 * of the stream to the router as the document — read as it arrives, never held whole — and answers on the stream
 * with the spooled job (u32 length + answer). A stream that breaks mid-document fails the router's read, so nothing
 * half-received is spooled; the guest resends with the same key.
 */
@Component(service = StreamHandler.class, property = StreamHandler.STREAM_TYPE + "=" + PrintWire.SUBMIT)
public final class SubmitStreamHandler implements StreamHandler {

    @Reference
    private PrintBridge bridge;

    @Override
    public void accept(ChannelStream stream, ChannelPeer from) throws IOException {
        InputStream in = stream.input();
        byte[] answer;
        try {
            JobHeader header = JobHeader.read(readHeader(in));
            PrintingContext context = bridge.context(from);
            PrintRouter router = bridge.router();
            SpooledJob job = router.submit(context, header.printerId(), header.toRequest(context.vmKey()), in,
                    header.declaredBytes());
            WireWriter w = Answer.ok();
            JobInfo.of(job).write(w);
            answer = w.toBytes();
        } catch (WireException e) {
            answer = Answer.error(e.code(), e.getMessage());
        } catch (PrintBridge.Refusal e) {
            answer = Answer.error(e.code, e.getMessage());
        } catch (PrintException e) {
            answer = Answer.error(PrintBridge.Refusal.of(e).code, e.getMessage());
        } catch (IllegalArgumentException e) {
            answer = Answer.error(PrintWire.INVALID, e.getMessage());
        }
        OutputStream out = stream.output();
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(answer.length);
        data.write(answer);
        data.flush();
        stream.close();
    }

    static byte[] readHeader(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int length = data.readInt();
        if (length <= 0 || length > PrintWire.MAX_HEADER) {
            throw new WireException(PrintWire.INVALID, "job header of " + length + " bytes (1.." + PrintWire.MAX_HEADER + ")");
        }
        return data.readNBytes(length);
    }
}
