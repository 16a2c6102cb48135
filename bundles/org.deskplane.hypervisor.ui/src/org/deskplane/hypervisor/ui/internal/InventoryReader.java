package org.deskplane.hypervisor.ui.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.deskplane.hypervisor.api.ConnectionStatus;
import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.HypervisorException;
import org.deskplane.hypervisor.api.VmInfo;

/**
 * Reads hosts and their VMs from the connections, one connection at a time, off the UI thread. A connection
 * that cannot list its VMs is still shown, with its state and the reason; it never hides the others.
 */
final class InventoryReader {

    private InventoryReader() {
    }

    static List<InventoryNode.Host> read(List<HypervisorConnection> connections) {
        List<InventoryNode.Host> hosts = new ArrayList<>();
        for (HypervisorConnection connection : connections) {
            hosts.add(read(connection));
        }
        hosts.sort(Comparator.comparing(InventoryNode.Host::connectionId));
        return hosts;
    }

    private static InventoryNode.Host read(HypervisorConnection connection) {
        ConnectionStatus status = connection.status();
        List<InventoryNode.Vm> vms = new ArrayList<>();
        String error = null;
        if (status.state() == ConnectionStatus.State.CONNECTED) {
            try {
                for (VmInfo vm : connection.listVms()) {
                    vms.add(InventoryNode.Vm.of(vm));
                }
                vms.sort(Comparator.comparing(vm -> vm.info().name()));
            } catch (HypervisorException | RuntimeException e) {
                error = e.getMessage();
            }
        }
        return new InventoryNode.Host(connection.id(), connection.uri(), status, List.copyOf(vms), error);
    }
}
