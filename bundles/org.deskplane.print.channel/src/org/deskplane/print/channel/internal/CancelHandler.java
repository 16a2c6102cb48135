package org.deskplane.print.channel.internal;

import org.deskplane.channel.api.ChannelPeer;
import org.deskplane.channel.api.MessageHandler;
import org.deskplane.print.api.PrintException;
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

/** {@code print.cancel}: cancels a job of this VM; a job of another VM is "not found". */
@Component(service = MessageHandler.class, property = MessageHandler.MESSAGE_TYPE + "=" + PrintWire.CANCEL)
public final class CancelHandler extends PrintRequestHandler {

    @Reference
    private PrintBridge bridge;

    @Override
    byte[] answer(WireReader request, ChannelPeer from) throws WireException, PrintBridge.Refusal, PrintException {
        String id = request.str();
        request.end();
        PrintingContext context = bridge.context(from);
        PrintRouter router = bridge.router();
        if (router.job(id).filter(j -> j.context().vmKey().equals(context.vmKey())).isEmpty()) {
            throw new PrintException(PrintException.Kind.NOT_FOUND, "no job " + id + " of this VM");
        }
        WireWriter w = Answer.ok();
        JobInfo.of(router.cancel(id)).write(w);
        return w.toBytes();
    }
}
