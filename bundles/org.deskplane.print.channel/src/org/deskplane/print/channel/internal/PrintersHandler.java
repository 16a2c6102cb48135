package org.deskplane.print.channel.internal;

import org.deskplane.channel.api.ChannelPeer;
import org.deskplane.channel.api.MessageHandler;
import org.deskplane.print.api.PrintException;
import org.deskplane.print.routing.PrintingContext;
import org.deskplane.print.wire.Answer;
import org.deskplane.print.wire.PrintWire;
import org.deskplane.print.wire.PrinterList;
import org.deskplane.print.wire.WireException;
import org.deskplane.print.wire.WireReader;
import org.deskplane.print.wire.WireWriter;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code print.printers}: the printers the router lets this VM's owner use. */
@Component(service = MessageHandler.class, property = MessageHandler.MESSAGE_TYPE + "=" + PrintWire.PRINTERS)
public final class PrintersHandler extends PrintRequestHandler {

    @Reference
    private PrintBridge bridge;

    @Override
    byte[] answer(WireReader request, ChannelPeer from) throws WireException, PrintBridge.Refusal, PrintException {
        request.end();
        PrintingContext context = bridge.context(from);
        WireWriter w = Answer.ok();
        PrinterList.write(w, bridge.router().printersFor(context));
        return w.toBytes();
    }
}
