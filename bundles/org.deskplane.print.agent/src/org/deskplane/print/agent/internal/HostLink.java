package org.deskplane.print.agent.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.deskplane.channel.api.ChannelException;
import org.deskplane.channel.api.ChannelPeer;
import org.deskplane.channel.api.ChannelStream;
import org.deskplane.print.routing.VmPrinter;
import org.deskplane.print.wire.Answer;
import org.deskplane.print.wire.JobInfo;
import org.deskplane.print.wire.PrintWire;
import org.deskplane.print.wire.PrinterList;
import org.deskplane.print.wire.WireReader;
import org.deskplane.print.wire.WireWriter;

/** The host as the virtual printer uses it: the print requests of the channel, with plain exceptions. */
final class HostLink {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** The host could not be asked (no channel, not connected, timeout): try again later. */
    static final class Unreachable extends IOException {
        private static final long serialVersionUID = 1L;

        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Supplier<ChannelPeer> peer;

    HostLink(Supplier<ChannelPeer> peer) {
        this.peer = peer;
    }

    boolean connected() {
        ChannelPeer p = peer.get();
        return p != null && p.isConnected();
    }

    List<VmPrinter> printers() throws IOException, Answer.Refused {
        WireReader r = Answer.read(request(PrintWire.PRINTERS, WireWriter.body().toBytes()));
        List<VmPrinter> printers = PrinterList.read(r);
        r.end();
        return printers;
    }

    List<JobInfo> status(List<String> ids) throws IOException, Answer.Refused {
        WireWriter w = WireWriter.body().count(ids.size());
        ids.forEach(w::str);
        WireReader r = Answer.read(request(PrintWire.STATUS, w.toBytes()));
        List<JobInfo> jobs = JobInfo.readList(r);
        r.end();
        return jobs;
    }

    JobInfo cancel(String id) throws IOException, Answer.Refused {
        WireReader r = Answer.read(request(PrintWire.CANCEL, WireWriter.body().str(id).toBytes()));
        JobInfo job = JobInfo.read(r);
        r.end();
        return job;
    }

    ChannelStream openSubmit() throws Unreachable {
        ChannelPeer p = live();
        try {
            return p.openStream(PrintWire.SUBMIT);
        } catch (ChannelException e) {
            throw new Unreachable("cannot open a print stream to the host: " + e.getMessage(), e);
        }
    }

    private byte[] request(String type, byte[] body) throws Unreachable {
        ChannelPeer p = live();
        try {
            return p.request(type, body, TIMEOUT).toCompletableFuture().get(TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new Unreachable(type + " failed: " + cause.getMessage(), cause);
        } catch (ChannelException e) {
            throw new Unreachable(type + " failed: " + e.getMessage(), e);
        }
    }

    private ChannelPeer live() throws Unreachable {
        ChannelPeer p = peer.get();
        if (p == null || !p.isConnected()) {
            throw new Unreachable("the host is not connected", null);
        }
        return p;
    }
}
