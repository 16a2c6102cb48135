package org.deskplane.print.channel.internal;

import java.util.List;
import java.util.Locale;

import org.deskplane.channel.api.ChannelPeer;
import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.print.api.PrintException;
import org.deskplane.print.routing.PrintRouter;
import org.deskplane.print.routing.PrintingContext;
import org.deskplane.print.wire.PrintWire;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * What every print handler needs: the router (optional and dynamic: it may be updated or absent while guests print)
 * and the hypervisor connections that say who a peer is.
 */
@Component(service = PrintBridge.class)
public final class PrintBridge {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PrintRouter router;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<HypervisorConnection> connections;

    /** A failure to report to the guest as an error answer. */
    static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        final String code;

        Refusal(String code, String message) {
            super(message);
            this.code = code;
        }

        static Refusal of(PrintException e) {
            return new Refusal(e.kind().name().toLowerCase(Locale.ROOT), e.getMessage());
        }
    }

    PrintRouter router() throws Refusal {
        PrintRouter r = router;
        if (r == null) {
            throw new Refusal(PrintWire.UNAVAILABLE, "printing is unavailable: the host's print router is not running");
        }
        return r;
    }

    PrintingContext context(ChannelPeer peer) throws Refusal {
        try {
            return VmDirectory.contextOf(peer.vmId(), connections == null ? List.of() : connections);
        } catch (VmDirectory.Unknown e) {
            throw new Refusal(e.code(), e.getMessage());
        }
    }
}
