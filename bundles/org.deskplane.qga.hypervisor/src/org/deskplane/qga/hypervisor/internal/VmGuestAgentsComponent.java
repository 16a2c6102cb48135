package org.deskplane.qga.hypervisor.internal;

import java.util.List;

import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.VmId;
import org.deskplane.qga.api.GuestAgentClient;
import org.deskplane.qga.api.GuestAgentClients;
import org.deskplane.qga.api.GuestAgentConnectionException;
import org.deskplane.qga.api.GuestAgentException;
import org.deskplane.qga.api.GuestAgentOptions;
import org.deskplane.qga.hypervisor.VmGuestAgents;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** Opens clients over {@link HypervisorQgaTransport}s on whichever connection the VM is on. */
@Component
public final class VmGuestAgentsComponent implements VmGuestAgents {

    @Reference
    private GuestAgentClients clients;

    // dynamic + greedy: connections come and go with their configurations
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<HypervisorConnection> connections;

    @Override
    public GuestAgentClient open(VmId vm) throws GuestAgentException {
        return open(vm, clients.defaultOptions());
    }

    @Override
    public GuestAgentClient open(VmId vm, GuestAgentOptions options) throws GuestAgentException {
        HypervisorConnection connection = connections.stream().filter(c -> c.id().equals(vm.connectionId()))
                .findFirst().orElseThrow(() -> new GuestAgentConnectionException(
                        "no hypervisor connection '" + vm.connectionId() + "'"));
        return clients.open(new HypervisorQgaTransport(connection, vm.uuid()), options);
    }
}
