package org.deskplane.hypervisor.ui.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.HypervisorEvents;
import org.deskplane.hypervisor.api.VmInfo;
import org.deskplane.workbench.OperationRunner;
import org.deskplane.workbench.WorkbenchTopics;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Text;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * Hypervisor hosts → VMs → devices, and actions on the selected VM. Reads and actions run off the UI thread
 * through the {@link OperationRunner} (which shows failures in a dialog with the server's message); while one
 * runs, the part says what it is doing and shows a busy bar. The tree is read again after each action, on
 * Refresh, when connections come or go, and on hypervisor events (embedded mode).
 */
public class InventoryPart {

    /** Widget data keys, so that UI tests find controls without depending on layout or labels. */
    static final String WIDGET_KEY = "org.deskplane.hypervisor.ui.widget";

    @Inject
    private OperationRunner runner;
    @Inject
    private Display display;

    private HypervisorTracker hypervisors;
    private TreeViewer tree;
    private Label status;
    private ProgressBar busyBar;
    private Text snapshotName;
    private Text mediaPath;
    private final List<Button> vmButtons = new ArrayList<>();
    private final AtomicLong readGeneration = new AtomicLong();
    private int running;
    private boolean refreshQueued;
    /** The latest action's result, kept in the status line after the tree is read again. */
    private String lastOutcome;

    @PostConstruct
    void create(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        Composite lifecycle = row(parent, 8);
        button(lifecycle, "refresh", "Refresh", this::refresh, false);
        vmAction(lifecycle, "start", "Start", "Start", (c, vm, in) -> c.start(vm.id().uuid()));
        vmAction(lifecycle, "shutdown", "Shut down", "Shut down", (c, vm, in) -> c.shutdown(vm.id().uuid()));
        vmAction(lifecycle, "destroy", "Power off", "Power off", (c, vm, in) -> c.destroy(vm.id().uuid()));
        vmAction(lifecycle, "suspend", "Suspend", "Suspend", (c, vm, in) -> c.suspend(vm.id().uuid()));
        vmAction(lifecycle, "resume", "Resume", "Resume", (c, vm, in) -> c.resume(vm.id().uuid()));
        vmAction(lifecycle, "save", "Save state", "Save the state of", (c, vm, in) -> c.managedSave(vm.id().uuid()));

        Composite devices = row(parent, 8);
        new Label(devices, SWT.NONE).setText("Snapshot:");
        snapshotName = text(devices, "snapshotName", "snapshot name");
        vmAction(devices, "snapshotCreate", "Create", "Snapshot", (c, vm, in) -> c.snapshotCreate(vm.id().uuid(),
                required(in.snapshot(), "a snapshot name"), "made in the Deskplane workbench"));
        vmAction(devices, "snapshotRevert", "Revert", "Revert", (c, vm, in) -> c.snapshotRevert(vm.id().uuid(),
                required(in.snapshot(), "the snapshot name")));
        new Label(devices, SWT.NONE).setText("   CD-ROM media:");
        mediaPath = text(devices, "mediaPath", "/path/to/image.iso");
        vmAction(devices, "insertMedia", "Insert", "Insert media into", (c, vm, in) -> c.insertMedia(vm.id().uuid(),
                cdromTarget(vm), required(in.media(), "the path of an ISO image on the host")));
        vmAction(devices, "ejectMedia", "Eject", "Eject media of", (c, vm, in) -> c.ejectMedia(vm.id().uuid(),
                cdromTarget(vm)));

        tree = new TreeViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE | SWT.V_SCROLL | SWT.H_SCROLL);
        tree.setContentProvider(new InventoryContent());
        tree.getTree().setHeaderVisible(true);
        tree.getTree().setLinesVisible(true);
        tree.getTree().setData(WIDGET_KEY, "inventory");
        tree.getTree().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        InventoryColumns.create(tree);

        Composite progress = row(parent, 2);
        busyBar = new ProgressBar(progress, SWT.INDETERMINATE);
        busyBar.setLayoutData(new GridData(120, SWT.DEFAULT));
        showBusyBar(false);
        status = new Label(progress, SWT.NONE);
        status.setData(WIDGET_KEY, "status");
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));

        hypervisors = new HypervisorTracker(this::refreshSoon);
        refresh();
    }

    @PreDestroy
    void dispose() {
        if (hypervisors != null) {
            hypervisors.close();
        }
    }

    @Focus
    void focus() {
        tree.getTree().setFocus();
    }

    @Inject
    @Optional
    void onRefresh(@UIEventTopic(WorkbenchTopics.REFRESH) Object ignored) {
        refresh();
    }

    /** Domain lifecycle events of in-process providers (embedded mode): the inventory changed. */
    @Inject
    @Optional
    void onVmEvent(@UIEventTopic(HypervisorEvents.VM_TOPIC_ALL) Object event) {
        refreshSoon();
    }

    /** Coalesces bursts (tracker changes, events) into one read, on the UI thread. */
    private void refreshSoon() {
        if (display == null || display.isDisposed()) {
            return;
        }
        display.asyncExec(() -> {
            if (!refreshQueued && tree != null && !tree.getTree().isDisposed()) {
                refreshQueued = true;
                display.timerExec(200, () -> {
                    refreshQueued = false;
                    refresh();
                });
            }
        });
    }

    private void refresh() {
        if (tree == null || tree.getTree().isDisposed()) {
            return;
        }
        List<HypervisorConnection> connections = hypervisors.connections();
        if (connections.isEmpty()) {
            tree.setInput(List.of());
            status.setText("No hypervisor connections: log in to a server that has some, or configure one for "
                    + "embedded mode.");
            return;
        }
        long generation = readGeneration.incrementAndGet();
        busy("Reading the inventory of " + connections.size() + " connection(s) …");
        runner.run("Read the hypervisor inventory", () -> {
            try {
                return InventoryReader.read(connections);
            } finally {
                ui(this::idle);
            }
        }, hosts -> {
            if (generation == readGeneration.get()) { // an older read that finished late is dropped
                show(hosts);
            }
        });
    }

    private void show(List<InventoryNode.Host> hosts) {
        if (tree.getTree().isDisposed()) {
            return;
        }
        Set<String> expanded = new HashSet<>();
        for (Object element : tree.getExpandedElements()) {
            expanded.add(((InventoryNode) element).key());
        }
        Object selected = tree.getStructuredSelection().getFirstElement();
        String selectedKey = selected instanceof InventoryNode node ? node.key() : null;
        tree.setInput(hosts);
        tree.expandToLevel(2);
        List<Object> reExpand = new ArrayList<>();
        Object reSelect = null;
        for (InventoryNode.Host host : hosts) {
            for (InventoryNode.Vm vm : host.vms()) {
                if (expanded.contains(vm.key())) {
                    reExpand.add(vm);
                }
                reSelect = vm.key().equals(selectedKey) ? vm : reSelect;
                for (InventoryNode.Device device : vm.devices()) {
                    reSelect = device.key().equals(selectedKey) ? device : reSelect;
                }
            }
            reSelect = host.key().equals(selectedKey) ? host : reSelect;
        }
        reExpand.forEach(vm -> tree.setExpandedState(vm, true));
        if (reSelect != null) {
            tree.setSelection(new StructuredSelection(reSelect), true);
        }
        int vms = hosts.stream().mapToInt(host -> host.vms().size()).sum();
        long runningVms = hosts.stream().flatMap(host -> host.vms().stream())
                .filter(vm -> vm.info().state() == org.deskplane.hypervisor.api.VmState.RUNNING).count();
        if (running == 0) {
            status.setText(hosts.size() + " host(s), " + vms + " VM(s), " + runningVms + " running"
                    + (lastOutcome == null ? "" : "   |   " + lastOutcome));
        }
    }

    @FunctionalInterface
    private interface VmOperation {
        void run(HypervisorConnection connection, VmInfo vm, Inputs inputs) throws Exception;
    }

    private void vmAction(Composite parent, String id, String label, String verb, VmOperation operation) {
        vmButtons.add(button(parent, id, label, () -> runOnSelectedVm(id, verb, operation), true));
    }

    private void runOnSelectedVm(String id, String verb, VmOperation operation) {
        if (vmButtonsDisabled()) {
            status.setText("Wait: another action is still running.");
            return;
        }
        Object selected = tree.getStructuredSelection().getFirstElement();
        VmInfo vm = selected instanceof InventoryNode node ? node.vm() : null;
        if (vm == null) {
            status.setText("Select a VM (or one of its devices) first.");
            return;
        }
        HypervisorConnection connection = hypervisors.connections().stream()
                .filter(c -> c.id().equals(vm.id().connectionId())).findFirst().orElse(null);
        if (connection == null) {
            status.setText("The connection " + vm.id().connectionId() + " is gone; refresh.");
            return;
        }
        Inputs inputs = new Inputs(snapshotName.getText().trim(), mediaPath.getText().trim());
        String description = verb + " " + vm.name() + switch (id) {
            case "snapshotCreate", "snapshotRevert" -> " \u2014 snapshot '" + inputs.snapshot() + "'";
            case "insertMedia" -> " \u2014 " + inputs.media();
            default -> "";
        };
        // what the work needs from widgets is read here, on the UI thread
        VmInfo target = selected instanceof InventoryNode.Device device
                && device.kind() == InventoryNode.Device.Kind.CDROM ? withCdrom(vm, device.name()) : vm;
        busy(description + " …");
        setVmButtons(false);
        runner.run(description, () -> {
            try {
                operation.run(connection, target, inputs);
                return description;
            } catch (Exception e) {
                String outcome = description + " failed: " + e.getMessage();
                ui(() -> {
                    lastOutcome = outcome;
                    status.setText(outcome);
                });
                throw e;
            } finally {
                ui(() -> {
                    setVmButtons(true);
                    idle();
                    refresh(); // also after a failure: the VM may have changed on the way
                });
            }
        }, done -> {
            lastOutcome = "Done: " + done;
            status.setText(lastOutcome);
        });
    }

    /** Widget texts captured on the UI thread for the work on the background thread. */
    private record Inputs(String snapshot, String media) {
    }

    private static String required(String value, String what) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("Enter " + what + " first.");
        }
        return value;
    }

    /** The CD-ROM drive the media action is for: the selected one, else the VM's first. */
    private static String cdromTarget(VmInfo vm) {
        return vm.disks().stream().filter(org.deskplane.hypervisor.api.DiskInfo::isCdrom).findFirst()
                .map(org.deskplane.hypervisor.api.DiskInfo::target)
                .orElseThrow(() -> new IllegalArgumentException(vm.name() + " has no CD-ROM drive."));
    }

    /** The VM with the chosen CD-ROM drive first, so that {@link #cdromTarget} picks it. */
    private static VmInfo withCdrom(VmInfo vm, String target) {
        List<org.deskplane.hypervisor.api.DiskInfo> disks = new ArrayList<>(vm.disks());
        disks.sort((a, b) -> Boolean.compare(!target.equals(a.target()), !target.equals(b.target())));
        return new VmInfo(vm.id(), vm.name(), vm.state(), vm.persistent(), vm.managedSaveImage(), vm.vcpus(),
                vm.memoryKiB(), disks, vm.channels(), vm.metadata());
    }

    private void busy(String text) {
        running++;
        status.setText(text);
        showBusyBar(true);
    }

    private void idle() {
        if (busyBar.isDisposed()) {
            return;
        }
        running = Math.max(0, running - 1);
        showBusyBar(running > 0);
    }

    /** The bar takes no room while nothing runs, so the status text stays where the eye expects it. */
    private void showBusyBar(boolean visible) {
        ((GridData) busyBar.getLayoutData()).exclude = !visible;
        busyBar.setVisible(visible);
        busyBar.getParent().layout(true);
    }

    private boolean vmButtonsDisabled() {
        return !vmButtons.isEmpty() && !vmButtons.get(0).getEnabled();
    }

    private void setVmButtons(boolean enabled) {
        vmButtons.stream().filter(b -> !b.isDisposed()).forEach(b -> b.setEnabled(enabled));
    }

    private void ui(Runnable action) {
        if (!display.isDisposed()) {
            display.asyncExec(() -> {
                if (!tree.getTree().isDisposed()) {
                    action.run();
                }
            });
        }
    }

    private static Composite row(Composite parent, int columns) {
        Composite row = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(columns, false);
        layout.marginHeight = 0;
        row.setLayout(layout);
        row.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        return row;
    }

    private static Text text(Composite parent, String id, String hint) {
        Text text = new Text(parent, SWT.BORDER);
        text.setMessage(hint);
        text.setData(WIDGET_KEY, id);
        text.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        return text;
    }

    private static Button button(Composite parent, String id, String label, Runnable action, boolean needsVm) {
        Button button = new Button(parent, SWT.PUSH);
        button.setText(label);
        button.setData(WIDGET_KEY, id);
        button.setToolTipText(needsVm ? label + " (the selected VM)" : label);
        button.addListener(SWT.Selection, e -> action.run());
        return button;
    }
}
