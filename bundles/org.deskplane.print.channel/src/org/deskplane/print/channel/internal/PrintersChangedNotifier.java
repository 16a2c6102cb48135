package org.deskplane.print.channel.internal;

import org.deskplane.channel.api.ChannelPeer;
import org.deskplane.channel.api.HostChannel;
import org.deskplane.print.api.PrintEvents;
import org.deskplane.print.routing.RoutingEvents;
import org.deskplane.print.wire.PrintWire;
import org.deskplane.print.wire.WireWriter;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * A change of printers — the router's ({@code VM_PRINTERS_CHANGED}: policy, drivers) or a driver's own — goes to every
 * connected guest as {@code print.printers-changed}; each guest asks again and the router decides what it sees.
 */
@Component(service = EventHandler.class, property = {
        EventConstants.EVENT_TOPIC + "=" + RoutingEvents.VM_PRINTERS_CHANGED,
        EventConstants.EVENT_TOPIC + "=" + PrintEvents.PRINTERS_CHANGED })
public final class PrintersChangedNotifier implements EventHandler {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile HostChannel channel;

    @Override
    public void handleEvent(Event event) {
        HostChannel host = channel;
        if (host == null) {
            return;
        }
        byte[] body = WireWriter.body().toBytes();
        for (ChannelPeer peer : host.connectedAgents()) {
            GuestNotifier.send(peer, PrintWire.PRINTERS_CHANGED, body);
        }
    }
}
