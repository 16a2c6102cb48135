package org.deskplane.hypervisor.libvirt.internal;

import java.util.List;

import org.deskplane.hypervisor.api.VmInfo;
import org.deskplane.model.DeskplaneFactory;
import org.deskplane.model.Host;
import org.deskplane.model.HostState;
import org.deskplane.model.Inventory;
import org.deskplane.model.StoragePool;
import org.deskplane.model.VirtualMachine;

/**
 * Changes to one connection's part of an {@link Inventory}: the host named after the connection id, the VMs on
 * it and its pools. Other connections' parts and anything else in the inventory are left as they are. Pure model
 * code (no OSGi, no I/O), so the benchmark and unit tests run it directly.
 */
final class InventoryUpdate {

    private InventoryUpdate() {
    }

    /** Replaces the connection's host, VMs and pools with a fresh snapshot. */
    static void replaceHost(Inventory inventory, HostSnapshot snapshot) {
        Host host = host(inventory, snapshot.connectionId(), snapshot.uri());
        host.setState(HostState.CONNECTED);
        host.setHypervisor(snapshot.hypervisor());
        host.setCpuCount(snapshot.cpus());
        host.setMemoryMiB(snapshot.memoryKiB() / 1024);
        List<VirtualMachine> old = List.copyOf(host.getVirtualMachines());
        inventory.getVirtualMachines().removeAll(old);
        host.getVirtualMachines().clear();
        for (VmInfo info : snapshot.vms()) {
            VirtualMachine vm = InventoryMapper.vm(info);
            inventory.getVirtualMachines().add(vm);
            vm.setHost(host);
        }
        inventory.getPools().removeIf(pool -> pool.getHost() == host);
        for (HostSnapshot.PoolInfo info : snapshot.pools()) {
            StoragePool pool = InventoryMapper.pool(info);
            pool.setHost(host);
            inventory.getPools().add(pool);
        }
    }

    /** Replaces (or adds) one VM of the connection. */
    static void replaceVm(Inventory inventory, String connectionId, String uri, VmInfo info) {
        Host host = host(inventory, connectionId, uri);
        removeVm(inventory, connectionId, info.id().uuid());
        VirtualMachine vm = InventoryMapper.vm(info);
        inventory.getVirtualMachines().add(vm);
        vm.setHost(host);
    }

    /** @return whether there was such a VM */
    static boolean removeVm(Inventory inventory, String connectionId, String uuid) {
        Host host = find(inventory, connectionId);
        if (host == null) {
            return false;
        }
        VirtualMachine found = null;
        for (VirtualMachine vm : host.getVirtualMachines()) {
            if (uuid.equals(vm.getId())) {
                found = vm;
                break;
            }
        }
        if (found == null) {
            return false;
        }
        found.setHost(null);
        inventory.getVirtualMachines().remove(found);
        return true;
    }

    static void markHost(Inventory inventory, String connectionId, String uri, HostState state) {
        host(inventory, connectionId, uri).setState(state);
    }

    /** Removes the connection's host with its VMs and pools (the connection was deleted). */
    static void removeHost(Inventory inventory, String connectionId) {
        Host host = find(inventory, connectionId);
        if (host != null) {
            inventory.getVirtualMachines().removeAll(List.copyOf(host.getVirtualMachines()));
            inventory.getPools().removeIf(pool -> pool.getHost() == host);
            inventory.getHosts().remove(host);
        }
    }

    static Host find(Inventory inventory, String connectionId) {
        for (Host host : inventory.getHosts()) {
            if (connectionId.equals(host.getName())) {
                return host;
            }
        }
        return null;
    }

    private static Host host(Inventory inventory, String connectionId, String uri) {
        Host host = find(inventory, connectionId);
        if (host == null) {
            host = DeskplaneFactory.eINSTANCE.createHost();
            host.setName(connectionId);
            inventory.getHosts().add(host);
        }
        host.setUri(uri);
        return host;
    }
}
