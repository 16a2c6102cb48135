package org.deskplane.vmdiff.ui.internal;

import static org.deskplane.vmdiff.ui.internal.VmdiffWidgets.WIDGETS;

import java.util.List;

import org.deskplane.client.ServerConnection;
import org.deskplane.vmdiff.ui.internal.VmdiffRows.BaseRow;
import org.deskplane.vmdiff.ui.internal.VmdiffRows.OperationRow;
import org.deskplane.vmdiff.ui.internal.VmdiffRows.VmRow;
import org.deskplane.workbench.platform.ui.support.RefreshingPart;
import org.deskplane.workbench.platform.ui.support.ServiceClient;
import org.deskplane.workbench.platform.ui.support.TableSection;
import org.deskplane.workbench.platform.ui.support.VisiblePoller;
import org.deskplane.workbench.platform.ui.support.Widgets;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.TableItem;

import jakarta.annotation.PostConstruct;

/**
 * Base images, user VMs (the server's generation, the lease holder, each host's copy with its relation to the
 * server's, where it runs) and the operations with their progress. Live: while visible it reads the server every
 * {@value #POLL_MILLIS} ms. Suspend, Shut down, Resume on…, Move to… and Release start an operation on the server off
 * the UI thread; a refusal ends in an error dialog with the server's words, an operation's failure shows in its row.
 */
public class VmMobilityPart extends RefreshingPart {

    static final int POLL_MILLIS = 1500;

    /** What one poll read. */
    private record Snapshot(List<BaseRow> bases, List<VmRow> vms, List<OperationRow> operations) {
    }

    private ServiceClient<ServerConnection, VmdiffClient> services;
    private TableSection<BaseRow> bases;
    private TableSection<VmRow> vms;
    private TableSection<OperationRow> operations;
    private Label status;
    private VisiblePoller poller;

    @PostConstruct
    void create(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        Composite buttons = Widgets.row(parent, 6);
        WIDGETS.button(buttons, "refresh", "Refresh", "Read the base images, VMs and operations again", this::poll);
        WIDGETS.button(buttons, "suspend", "Suspend", "Suspend the selected VM where it runs: its memory is saved and "
                + "a new generation pushed to the server", () -> act("suspend", false));
        WIDGETS.button(buttons, "shutdown", "Shut down", "Shut the selected VM down where it runs (as its user "
                + "would); its disk becomes the next generation", () -> act("shutdown", false));
        WIDGETS.button(buttons, "resume", "Resume on\u2026", "Resume the selected VM on a host you choose, from the "
                + "newest verified copy", () -> act("resume", true));
        WIDGETS.button(buttons, "move", "Move to\u2026", "Move the selected VM to a host you choose: the host holding "
                + "it suspends it and lets go, then it resumes there", () -> act("move", true));
        WIDGETS.button(buttons, "release", "Release", "The host holding the selected VM suspends it if it runs, "
                + "pushes its newest generation and gives its lease back", () -> act("release", false));

        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        TableViewer baseTable = WIDGETS.table(pane(sash), "bases");
        TableViewer vmTable = WIDGETS.table(pane(sash), "vms");
        TableViewer operationTable = WIDGETS.table(pane(sash), "operations");
        sash.setWeights(1, 3, 2);
        status = WIDGETS.label(parent, "status");

        bases = new TableSection<>(baseTable, status, BaseRow.class, BaseRow::sha256)
                .column("Base image (SHA-256)", 460, SWT.LEFT, BaseRow::sha256)
                .column("Format", 70, SWT.LEFT, BaseRow::format)
                .column("Size (MiB)", 90, SWT.RIGHT, b -> String.format("%.1f", b.size() / 1048576.0));
        vms = new TableSection<>(vmTable, status, VmRow.class, VmRow::vm)
                .column("VM", 160, SWT.LEFT, VmRow::vm)
                .column("Server generation", 200, SWT.LEFT, VmRow::server)
                .column("Lease", 150, SWT.LEFT, VmRow::lease)
                .column("Copies on hosts", 340, SWT.LEFT, VmRow::copies)
                .column("Diverged", 80, SWT.LEFT, v -> v.diverged() ? "DIVERGED" : "")
                .column("Running on", 120, SWT.LEFT, VmRow::runningOn)
                .column("Under way", 240, SWT.LEFT, VmRow::activity);
        focusOn(vmTable.getTable());
        operations = new TableSection<>(operationTable, status, OperationRow.class, OperationRow::id)
                .column("Id", 50, SWT.RIGHT, OperationRow::id)
                .column("VM", 140, SWT.LEFT, OperationRow::vm)
                .column("Action", 80, SWT.LEFT, OperationRow::action)
                .column("Host", 110, SWT.LEFT, OperationRow::host)
                .column("Progress", 110, SWT.CENTER, OperationRow::progress)
                .column("State", 90, SWT.LEFT, OperationRow::state)
                .column("Phase", 180, SWT.LEFT, OperationRow::phase)
                .column("Message", 420, SWT.LEFT, OperationRow::message)
                .column("Started", 210, SWT.LEFT, OperationRow::started);
        ProgressColumn.install(operationTable.getTable(), 4, OperationRow.class, OperationRow::percent);

        poller = closeOnDispose(new VisiblePoller(vmTable.getTable(), "Read the VM mobility", POLL_MILLIS, this::poll));
        services = closeOnDispose(VmdiffClient.watch(() -> ui(this::poll)));
        poll();
    }

    private static Composite pane(Composite parent) {
        Composite pane = new Composite(parent, SWT.NONE);
        pane.setLayout(new GridLayout(1, false));
        return pane;
    }

    @Override
    protected void refresh() {
        poll();
    }

    private void poll() {
        VmdiffClient client = vms.connected(services.current(), VmdiffClient.NOT_CONNECTED);
        if (client == null) {
            bases.clear(VmdiffClient.NOT_CONNECTED);
            operations.clear(VmdiffClient.NOT_CONNECTED);
            return;
        }
        poller.read(() -> new Snapshot(client.bases(), client.vms(), client.operations()), this::show,
                failure -> status.setText("Cannot read the VM mobility: " + failure.getMessage()));
    }

    private void show(Snapshot snapshot) {
        bases.show(snapshot.bases());
        vms.show(snapshot.vms());
        markDiverged();
        operations.show(snapshot.operations());
        long diverged = snapshot.vms().stream().filter(VmRow::diverged).count();
        long running = snapshot.operations().stream().filter(o -> o.state().equals("RUNNING")).count();
        status.setText(snapshot.bases().size() + " base image(s), " + snapshot.vms().size() + " VM(s)"
                + (diverged > 0 ? ", " + diverged + " with DIVERGED copies (an administrator chooses one)" : "")
                + ", " + running + " operation(s) running");
    }

    /** Paints the rows of VMs whose copies went different ways (the viewer makes new items on every read). */
    private void markDiverged() {
        Color red = display().getSystemColor(SWT.COLOR_RED);
        for (TableItem item : vms.table().getItems()) {
            if (item.getData() instanceof VmRow row && row.diverged()) {
                item.setForeground(red);
            }
        }
    }

    /** Starts {@code verb} on the selected VM; for resume and move, on a host the user chooses first. */
    private void act(String verb, boolean chooseHost) {
        VmRow vm = vms.selected("a VM");
        VmdiffClient client = vm == null ? null : connected();
        if (client == null) {
            return;
        }
        if (!chooseHost) {
            start(client, vm, verb, null);
            return;
        }
        runner().run("Read the hosts", client::hosts, hosts -> {
            if (hosts.isEmpty()) {
                MessageDialog.openInformation(vms.table().getShell(), "No hosts", "No host is connected to the server.");
                return;
            }
            HostChooser chooser = new HostChooser(vms.table().getShell(), verb.equals("move") ? "Move" : "Resume",
                    vm.vm(), hosts);
            if (chooser.open() == Window.OK) {
                start(client, vm, verb, chooser.chosen());
            }
        });
    }

    private void start(VmdiffClient client, VmRow vm, String verb, String host) {
        change(verb + " " + vm.vm(), () -> client.act(vm.vm(), verb, host), this::poll,
                started -> status.setText("Started " + verb + " of " + vm.vm() + " on " + started.host()
                        + " (operation " + started.id() + ")"));
    }

    /** The client, or null after saying why there is none. */
    private VmdiffClient connected() {
        return vms.required(services.current(), VmdiffClient.NOT_CONNECTED);
    }
}
