package org.deskplane.print.ui.internal;

import static org.deskplane.print.ui.internal.PrintWidgets.WIDGETS;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.deskplane.client.RemotePrinting;
import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.HypervisorException;
import org.deskplane.hypervisor.api.VmInfo;
import org.deskplane.print.ui.internal.PrinterColumns.DriverError;
import org.deskplane.workbench.OperationRunner;
import org.deskplane.workbench.platform.ui.support.RefreshingPart;
import org.deskplane.workbench.platform.ui.support.ServiceWatch;
import org.deskplane.workbench.platform.ui.support.Widgets;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import jakarta.annotation.PostConstruct;

/**
 * The host's printers per driver (state, location, formats) and, for a VM chosen from the inventory, the printers
 * that VM's user sees by policy, the nearest flagged and first. Server calls run through the {@link OperationRunner}
 * (off the UI thread, failures in a dialog).
 */
public class PrintersPart extends RefreshingPart {

    private PrintingServices services;
    private ServiceWatch<HypervisorConnection> hypervisors;
    private TableViewer hostTable;
    private TableViewer vmTable;
    private Combo vmCombo;
    private Label status;
    private Label vmStatus;
    private final List<VmChoice> vms = new ArrayList<>();

    @PostConstruct
    void create(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        Composite buttons = Widgets.row(parent, 1);
        WIDGETS.button(buttons, "refresh", "Refresh", "Read the printers and the VMs again", this::refresh);
        new Label(parent, SWT.NONE).setText("The host's printers, per driver:");
        hostTable = WIDGETS.table(parent, "printers");
        focusOn(hostTable.getTable());
        PrinterColumns.host(hostTable);
        status = WIDGETS.label(parent, "status");

        Composite vmRow = Widgets.row(parent, 2);
        new Label(vmRow, SWT.NONE).setText("What a VM's user sees:");
        vmCombo = new Combo(vmRow, SWT.READ_ONLY | SWT.DROP_DOWN);
        vmCombo.setData(WIDGETS.key(), "vm");
        vmCombo.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        vmCombo.addListener(SWT.Selection, e -> showVm());
        vmTable = WIDGETS.table(parent, "vmPrinters");
        PrinterColumns.vm(vmTable);
        vmStatus = WIDGETS.label(parent, "vmStatus");

        services = closeOnDispose(new PrintingServices(() -> ui(this::refresh)));
        hypervisors = closeOnDispose(new ServiceWatch<>(PrintersPart.class, HypervisorConnection.class,
                () -> ui(this::readVms)));
        refresh();
    }

    @Override
    protected void refresh() {
        if (hostTable == null || hostTable.getTable().isDisposed()) {
            return;
        }
        RemotePrinting printing = services.printing();
        if (printing == null) {
            hostTable.setInput(List.of());
            vmTable.setInput(List.of());
            status.setText(PrintingServices.NOT_CONNECTED);
            return;
        }
        status.setText("Reading the printers \u2026");
        runner().run("Read the host's printers", printing::hostPrinters, drivers -> {
            if (hostTable.getTable().isDisposed()) {
                return;
            }
            List<Object> rows = new ArrayList<>();
            int printers = 0;
            for (RemotePrinting.DriverPrinters driver : drivers) {
                rows.addAll(driver.printers());
                printers += driver.printers().size();
                if (!driver.error().isEmpty()) {
                    rows.add(new DriverError(driver.driver(), driver.error()));
                }
            }
            hostTable.setInput(rows);
            status.setText(printers + " printer(s) from " + drivers.size() + " driver(s)");
        });
        readVms();
    }

    /** The inventory's VMs (every hypervisor connection's), read off the UI thread. */
    private void readVms() {
        if (vmCombo == null || vmCombo.isDisposed()) {
            return;
        }
        List<HypervisorConnection> connections = hypervisors.all();
        runner().run("Read the VMs", () -> {
            List<VmChoice> found = new ArrayList<>();
            for (HypervisorConnection connection : connections) {
                try {
                    for (VmInfo vm : connection.listVms()) {
                        found.add(VmChoice.of(vm));
                    }
                } catch (HypervisorException e) {
                    // one unreachable host should not hide the others' VMs
                }
            }
            found.sort(Comparator.comparing(VmChoice::name).thenComparing(VmChoice::connectionId));
            return found;
        }, found -> {
            if (vmCombo.isDisposed()) {
                return;
            }
            String selected = vmCombo.getSelectionIndex() < 0 || vmCombo.getSelectionIndex() >= vms.size() ? null
                    : vms.get(vmCombo.getSelectionIndex()).key();
            vms.clear();
            vms.addAll(found);
            vmCombo.setItems(found.stream().map(VmChoice::label).toArray(String[]::new));
            for (int i = 0; i < found.size(); i++) {
                if (found.get(i).key().equals(selected)) {
                    vmCombo.select(i);
                }
            }
            if (vmCombo.getSelectionIndex() >= 0) {
                showVm();
            } else {
                vmStatus.setText(found.isEmpty() ? "No VMs in the inventory." : "Choose a VM.");
            }
        });
    }

    private void showVm() {
        int index = vmCombo.getSelectionIndex();
        RemotePrinting printing = services.printing();
        if (index < 0 || index >= vms.size() || printing == null) {
            return;
        }
        VmChoice vm = vms.get(index);
        vmStatus.setText("Reading what " + vm.name() + " shows \u2026");
        runner().run("Read the printers of VM " + vm.name(), () -> printing.vmPrinters(vm.connectionId(), vm.uuid()),
                printers -> {
                    if (vmTable.getTable().isDisposed() || vmCombo.getSelectionIndex() != index) {
                        return;
                    }
                    vmTable.setInput(printers);
                    vmStatus.setText(vm.owner() + " sees " + printers.size() + " printer(s) from " + vm.name()
                            + (printers.stream().anyMatch(p -> p.nearest()) ? "; \u2605 = nearest to the VM's host" : ""));
                });
    }
}
