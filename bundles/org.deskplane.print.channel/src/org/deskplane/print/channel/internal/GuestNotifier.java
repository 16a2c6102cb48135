package org.deskplane.print.channel.internal;

import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.deskplane.channel.api.ChannelException;
import org.deskplane.channel.api.ChannelPeer;
import org.deskplane.channel.api.HostChannel;
import org.deskplane.print.routing.PrintRouter;
import org.deskplane.print.routing.RoutingEvents;
import org.deskplane.print.routing.SpoolState;
import org.deskplane.print.wire.JobInfo;
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
 * Tells a guest that one of its jobs changed ({@code print.job-changed}), sent to the VM the job came from only.
 * Events are at most once; the guest also polls {@code print.status} for jobs that have not ended.
 */
@Component(property = EventConstants.EVENT_TOPIC + "=" + RoutingEvents.JOB_CHANGED,
        service = EventHandler.class)
public final class GuestNotifier implements EventHandler {
    private static final Logger LOG = Logger.getLogger(GuestNotifier.class.getName());

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile HostChannel channel;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PrintRouter router;

    @Override
    public void handleEvent(Event event) {
        HostChannel host = channel;
        if (host == null) {
            return;
        }
        jobChanged(host, event);
    }

    private void jobChanged(HostChannel host, Event event) {
        String vm = String.valueOf(event.getProperty(RoutingEvents.VM));
        String job = String.valueOf(event.getProperty(RoutingEvents.JOB));
        int colon = vm.lastIndexOf(':');
        if (colon < 0) {
            return;
        }
        String uuid = vm.substring(colon + 1).toLowerCase(Locale.ROOT);
        SpoolState state;
        try {
            state = SpoolState.valueOf(String.valueOf(event.getProperty(RoutingEvents.STATE)));
        } catch (IllegalArgumentException e) {
            return;
        }
        Object reason = event.getProperty(RoutingEvents.REASON);
        PrintRouter r = router;
        // the router's record has pages and bytes; the event alone is enough when the router just went away
        JobInfo info = r == null ? null : r.job(job).map(JobInfo::of).orElse(null);
        if (info == null || info.state() != state) {
            info = new JobInfo(job, state, reason == null ? "" : reason.toString(), info == null ? 0 : info.pages(),
                    info == null ? 0 : info.bytes());
        }
        ChannelPeer peer = host.agent(uuid);
        if (peer.isConnected()) {
            WireWriter w = WireWriter.body();
            info.write(w);
            send(peer, PrintWire.JOB_CHANGED, w.toBytes());
        }
    }

    static void send(ChannelPeer peer, String type, byte[] body) {
        try {
            peer.publish(type, body);
        } catch (ChannelException e) {
            LOG.log(Level.FINE, "could not tell " + peer.vmId() + " " + type + ": " + e.getMessage());
        }
    }
}
