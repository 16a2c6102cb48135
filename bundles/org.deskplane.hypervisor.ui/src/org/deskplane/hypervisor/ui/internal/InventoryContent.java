package org.deskplane.hypervisor.ui.internal;

import java.util.List;

import org.eclipse.jface.viewers.ITreeContentProvider;

/** Hosts → VMs → devices, from the records read by {@link InventoryReader}. */
final class InventoryContent implements ITreeContentProvider {

    @Override
    public Object[] getElements(Object input) {
        return input instanceof List<?> hosts ? hosts.toArray() : new Object[0];
    }

    @Override
    public Object[] getChildren(Object parent) {
        if (parent instanceof InventoryNode.Host host) {
            return host.vms().toArray();
        }
        if (parent instanceof InventoryNode.Vm vm) {
            return vm.devices().toArray();
        }
        return new Object[0];
    }

    @Override
    public Object getParent(Object element) {
        return null; // not needed: the viewer is given whole levels to expand
    }

    @Override
    public boolean hasChildren(Object element) {
        return getChildren(element).length > 0;
    }
}
