package org.deskplane.print.channel.internal;

import java.util.ArrayList;
import java.util.List;

import org.deskplane.channel.api.ChannelPeer;
import org.deskplane.channel.api.MessageHandler;
import org.deskplane.print.routing.PrintRouter;
import org.deskplane.print.routing.PrintingContext;
import org.deskplane.print.wire.Answer;
import org.deskplane.print.wire.JobInfo;
import org.deskplane.print.wire.PrintWire;
import org.deskplane.print.wire.WireException;
import org.deskplane.print.wire.WireReader;
import org.deskplane.print.wire.WireWriter;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code print.status}: the jobs asked for that belong to this VM (others are left out, as if they did not exist). */
@Component(service = MessageHandler.class, property = MessageHandler.MESSAGE_TYPE + "=" + PrintWire.STATUS)
public final class StatusHandler extends PrintRequestHandler {

    @Reference
    private PrintBridge bridge;

    @Override
    byte[] answer(WireReader request, ChannelPeer from) throws WireException, PrintBridge.Refusal {
        int n = request.count();
        if (n > PrintWire.MAX_STATUS_IDS) {
            throw new WireException(PrintWire.INVALID, "at most " + PrintWire.MAX_STATUS_IDS + " job ids per request");
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(request.str());
        }
        request.end();
        PrintingContext context = bridge.context(from);
        PrintRouter router = bridge.router();
        List<JobInfo> jobs = new ArrayList<>();
        for (String id : ids) {
            router.job(id).filter(j -> j.context().vmKey().equals(context.vmKey()))
                    .ifPresent(j -> jobs.add(JobInfo.of(j)));
        }
        WireWriter w = Answer.ok();
        JobInfo.writeList(w, jobs);
        return w.toBytes();
    }
}
