package org.deskplane.hypervisor.ui.internal;

import java.util.function.Function;

import org.deskplane.hypervisor.api.ConnectionStatus;
import org.deskplane.hypervisor.ui.internal.InventoryNode.Device;
import org.deskplane.hypervisor.ui.internal.InventoryNode.Host;
import org.deskplane.hypervisor.ui.internal.InventoryNode.Vm;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.TreeViewerColumn;
import org.eclipse.swt.SWT;

/** The tree's columns: Name, State, vCPUs, Memory, Details. */
final class InventoryColumns {

    private InventoryColumns() {
    }

    static void create(TreeViewer viewer) {
        column(viewer, "Name", 260, InventoryColumns::name);
        column(viewer, "State", 120, InventoryColumns::state);
        column(viewer, "vCPUs", 60, node -> node instanceof Vm vm ? Integer.toString(vm.info().vcpus()) : "");
        column(viewer, "Memory", 90, node -> node instanceof Vm vm ? mebibytes(vm.info().memoryKiB()) : "");
        column(viewer, "Details", 560, InventoryColumns::details);
    }

    static String name(InventoryNode node) {
        return switch (node) {
            case Host host -> host.connectionId();
            case Vm vm -> vm.info().name();
            case Device device -> device.name() + " (" + device.kind().name().toLowerCase(java.util.Locale.ROOT) + ")";
        };
    }

    static String state(InventoryNode node) {
        return switch (node) {
            case Host host -> host.status().state().name();
            case Vm vm -> vm.info().state().name();
            case Device device -> "";
        };
    }

    static String details(InventoryNode node) {
        return switch (node) {
            case Host host -> hostDetails(host);
            case Vm vm -> (vm.info().persistent() ? "persistent" : "transient")
                    + (vm.info().managedSaveImage() ? ", saved state (resumes on start)" : "")
                    + (vm.info().metadata().isEmpty() ? "" : ", metadata " + vm.info().metadata());
            case Device device -> device.detail();
        };
    }

    private static String hostDetails(Host host) {
        ConnectionStatus status = host.status();
        StringBuilder text = new StringBuilder(host.uri() == null ? "" : host.uri());
        if (status.hypervisor() != null) {
            text.append("  ").append(status.hypervisor());
        }
        if (status.hostName() != null) {
            text.append(" on ").append(status.hostName());
        }
        if (status.state() == ConnectionStatus.State.CONNECTED) {
            text.append(", ").append(host.vms().size()).append(" VMs");
        }
        String error = host.readError() != null ? host.readError() : status.lastError();
        if (error != null) {
            text.append("  \u2014 ").append(error);
        }
        return text.toString();
    }

    private static String mebibytes(long kib) {
        return kib >= 1024 * 1024 && kib % (1024 * 1024) == 0 ? kib / (1024 * 1024) + " GiB" : kib / 1024 + " MiB";
    }

    private static void column(TreeViewer viewer, String title, int width, Function<InventoryNode, String> text) {
        TreeViewerColumn column = new TreeViewerColumn(viewer, SWT.LEFT);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return element instanceof InventoryNode node ? text.apply(node) : "";
            }
        });
    }
}
