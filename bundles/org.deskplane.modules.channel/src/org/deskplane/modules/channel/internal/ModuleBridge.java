package org.deskplane.modules.channel.internal;

import java.util.List;

import org.deskplane.channel.api.ChannelPeer;
import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.modules.api.ModuleHost;
import org.deskplane.modules.api.Requester;
import org.deskplane.modules.wire.ModuleWire;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * What every module handler needs: the module host (optional and dynamic: it may be updated or absent while guests
 * ask) and the hypervisor connections that say who a peer is.
 */
@Component(service = ModuleBridge.class)
public final class ModuleBridge {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ModuleHost host;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<HypervisorConnection> connections;

    ModuleHost host() throws Refusal {
        ModuleHost h = host;
        if (h == null) {
            throw new Refusal(ModuleWire.UNAVAILABLE, "extension modules are unavailable: the host's module service is not running");
        }
        return h;
    }

    Requester requester(ChannelPeer peer) throws Refusal {
        List<HypervisorConnection> c = connections;
        return VmDirectory.requesterOf(peer.vmId(), c == null ? List.of() : c);
    }
}
