package org.deskplane.delivery.ui.internal;

import static org.deskplane.delivery.ui.internal.DeliveryWidgets.WIDGETS;

import java.util.List;

import org.deskplane.client.ServerConnection;
import org.deskplane.delivery.ui.internal.DeliveryRows.DeploymentRow;
import org.deskplane.delivery.ui.internal.DeliveryRows.ItemRow;
import org.deskplane.workbench.OperationRunner;
import org.deskplane.workbench.WorkbenchTopics;
import org.deskplane.workbench.platform.ui.support.ServiceClient;
import org.deskplane.workbench.platform.ui.support.Widgets;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * Deployments and, for the selected one, its VMs with a progress bar, state, message and exit code. Live: while the
 * part is visible it reads the server every {@value #POLL_MILLIS} ms (one read at a time). New deployment…,
 * Pause/Resume, Cancel, Retry failed, Cancel VM and Show log go to the server off the UI thread; a refusal ends in an
 * error dialog with the server's words.
 */
public class DeploymentsPart {

    static final int POLL_MILLIS = 1500;
    static final int LOG_LINES = 5000;

    @Inject
    private OperationRunner runner;
    @Inject
    private Display display;

    private ServiceClient<ServerConnection, DeliveryClient> services;
    private TableViewer deployments;
    private TableViewer items;
    private Label detail;
    private Label status;
    private final RolloutPoller poller = new RolloutPoller();
    private final Runnable tick = this::tick;

    @PostConstruct
    void create(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        Composite buttons = Widgets.row(parent, 8);
        WIDGETS.button(buttons, "refresh", "Refresh", "Read the deployments again", this::poll);
        WIDGETS.button(buttons, "new", "New deployment\u2026", "Deliver a payload to VMs", this::newDeployment);
        WIDGETS.button(buttons, "pauseResume", "Pause/Resume",
                "Pause the selected running deployment, or resume a paused one", this::pauseOrResume);
        WIDGETS.button(buttons, "cancel", "Cancel", "Cancel the selected deployment (running items are stopped and "
                + "cleaned up)", this::cancel);
        WIDGETS.button(buttons, "retry", "Retry failed", "Put the failed and timed-out VMs back to pending", this::retry);
        WIDGETS.button(buttons, "cancelVm", "Cancel VM", "Cancel the delivery to the selected VM", this::cancelVm);
        WIDGETS.button(buttons, "log", "Show log", "The selected VM's log: engine steps and the guest's output",
                this::showLog);

        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        Composite top = new Composite(sash, SWT.NONE);
        top.setLayout(new GridLayout(1, false));
        deployments = WIDGETS.table(top, "deployments");
        Widgets.column(deployments, DeploymentRow.class, "Name", 220, SWT.LEFT, DeploymentRow::name);
        Widgets.column(deployments, DeploymentRow.class, "State", 100, SWT.LEFT, DeploymentRow::state);
        Widgets.column(deployments, DeploymentRow.class, "Summary", 300, SWT.LEFT, DeploymentRow::summary);
        Widgets.column(deployments, DeploymentRow.class, "Payloads", 200, SWT.LEFT, DeploymentRow::payloads);
        Widgets.column(deployments, DeploymentRow.class, "Id", 120, SWT.LEFT, DeploymentRow::id);
        Widgets.column(deployments, DeploymentRow.class, "Why", 260, SWT.LEFT, DeploymentRow::stateReason);
        deployments.addSelectionChangedListener(e -> poll());

        Composite bottom = new Composite(sash, SWT.NONE);
        bottom.setLayout(new GridLayout(1, false));
        detail = WIDGETS.label(bottom, "detail");
        items = WIDGETS.table(bottom, "items");
        Widgets.column(items, ItemRow.class, "VM", 180, SWT.LEFT, i -> i.vmName().isEmpty() ? i.vmId() : i.vmName());
        Widgets.column(items, ItemRow.class, "Progress", 120, SWT.CENTER, i -> i.progress() + "%");
        Widgets.column(items, ItemRow.class, "State", 160, SWT.LEFT, ItemRow::shownState);
        Widgets.column(items, ItemRow.class, "Message", 280, SWT.LEFT, ItemRow::message);
        Widgets.column(items, ItemRow.class, "Exit code", 70, SWT.RIGHT, ItemRow::exitCode);
        Widgets.column(items, ItemRow.class, "Method", 100, SWT.LEFT, ItemRow::method);
        Widgets.column(items, ItemRow.class, "Payload", 160, SWT.LEFT, ItemRow::payload);
        Widgets.column(items, ItemRow.class, "Attempts", 70, SWT.RIGHT, i -> Integer.toString(i.attempts()));
        Widgets.column(items, ItemRow.class, "VM id", 300, SWT.LEFT, ItemRow::vmId);
        ProgressBars.install(items.getTable(), 1, ItemRow.class, ItemRow::progress);
        sash.setWeights(2, 3);

        status = WIDGETS.label(parent, "status");
        services = DeliveryClient.watch(() -> ui(this::poll));
        poll();
        display.timerExec(POLL_MILLIS, tick);
    }

    @PreDestroy
    void dispose() {
        if (display != null && !display.isDisposed()) {
            display.timerExec(-1, tick);
        }
        if (services != null) {
            services.close();
        }
    }

    @Focus
    void focus() {
        deployments.getTable().setFocus();
    }

    @Inject
    @Optional
    void onRefresh(@UIEventTopic(WorkbenchTopics.REFRESH) Object ignored) {
        poll();
    }

    /** The live update: poll while visible (a hidden part costs the server nothing), then schedule the next tick. */
    private void tick() {
        if (deployments == null || deployments.getTable().isDisposed()) {
            return;
        }
        if (deployments.getTable().isVisible()) {
            poll();
        }
        display.timerExec(POLL_MILLIS, tick);
    }

    private void poll() {
        if (deployments == null || deployments.getTable().isDisposed()) {
            return;
        }
        DeliveryClient client = services.current();
        if (client == null) {
            deployments.setInput(List.of());
            items.setInput(List.of());
            status.setText(DeliveryClient.NOT_CONNECTED);
            return;
        }
        DeploymentRow selected = selectedDeployment();
        poller.read(client, selected == null ? null : selected.id(), snapshot -> ui(() -> show(snapshot)),
                failure -> ui(() -> status.setText("Cannot read the deployments: " + failure.getMessage())));
    }

    private void show(RolloutPoller.Snapshot snapshot) {
        DeploymentRow before = selectedDeployment();
        ItemRow itemBefore = selectedItem();
        deployments.setInput(snapshot.deployments());
        DeploymentRow now = before == null ? null : snapshot.deployments().stream()
                .filter(d -> d.id().equals(before.id())).findFirst().orElse(null);
        if (now != null) {
            deployments.setSelection(new StructuredSelection(now));
        }
        JsonNode d = snapshot.selected();
        if (now == null || d == null || !d.path("id").asText().equals(now.id())) {
            if (now == null) {
                items.setInput(List.of());
                detail.setText("Select a deployment to see its VMs.");
            }
        } else {
            List<ItemRow> rows = DeliveryRows.array(d.get("items")).stream().map(ItemRow::of).toList();
            items.setInput(rows);
            if (itemBefore != null) {
                rows.stream().filter(r -> r.vmId().equals(itemBefore.vmId()) && r.payload().equals(itemBefore.payload()))
                        .findFirst().ifPresent(r -> items.setSelection(new StructuredSelection(r)));
            }
            detail.setText(now.name() + ": " + now.state() + (now.stateReason().isEmpty() ? "" : " \u2014 "
                    + now.stateReason()) + " \u2014 " + now.summary());
        }
        long running = snapshot.deployments().stream().filter(x -> x.state().equals("RUNNING")).count();
        status.setText(snapshot.deployments().size() + " deployment(s), " + running + " running");
        detail.getParent().layout(true);
    }

    private void newDeployment() {
        DeliveryClient client = connected();
        if (client == null) {
            return;
        }
        runner.run("Read the payloads", client::payloads, payloads -> {
            NewDeploymentDialog dialog = new NewDeploymentDialog(deployments.getTable().getShell(), payloads);
            if (dialog.open() != Window.OK) {
                return;
            }
            runner.run("Create deployment", () -> client.create(dialog.body()), created -> {
                String id = created.path("id").asText();
                status.setText("Created deployment " + id + " with " + created.path("items").size() + " item(s)");
                select(id);
            });
        });
    }

    /** Selects the deployment once the next poll has it in the table. */
    private void select(String id) {
        DeliveryClient client = services.current();
        if (client == null) {
            return;
        }
        runner.run("Read the deployments", client::deployments, list -> {
            deployments.setInput(list);
            list.stream().filter(d -> d.id().equals(id)).findFirst()
                    .ifPresent(d -> deployments.setSelection(new StructuredSelection(d), true));
        });
    }

    private void pauseOrResume() {
        DeploymentRow selected = requireDeployment();
        if (selected != null) {
            act(selected, selected.state().equals("PAUSED") ? "resume" : "pause");
        }
    }

    private void cancel() {
        DeploymentRow selected = requireDeployment();
        if (selected != null && MessageDialog.openConfirm(deployments.getTable().getShell(), "Cancel deployment",
                "Cancel " + selected.name() + "? Pending VMs will not get it; running ones are stopped and cleaned up.")) {
            act(selected, "cancel");
        }
    }

    private void retry() {
        DeploymentRow selected = requireDeployment();
        if (selected != null) {
            act(selected, "retry");
        }
    }

    private void act(DeploymentRow deployment, String verb) {
        DeliveryClient client = connected();
        if (client == null) {
            return;
        }
        runner.run(verb + " deployment " + deployment.name(), () -> {
            try {
                return client.act(deployment.id(), verb);
            } finally {
                ui(this::poll);
            }
        }, answer -> status.setText(verb.equals("retry") ? answer.path("retried").asInt() + " VM(s) put back to pending"
                : deployment.name() + ": " + answer.path("state").asText()));
    }

    private void cancelVm() {
        DeploymentRow deployment = requireDeployment();
        ItemRow item = deployment == null ? null : requireItem();
        DeliveryClient client = item == null ? null : connected();
        if (client == null) {
            return;
        }
        runner.run("Cancel " + item.vmId() + " in " + deployment.name(), () -> {
            try {
                return client.cancelVm(deployment.id(), item.vmId());
            } finally {
                ui(this::poll);
            }
        }, answer -> status.setText("Cancelled the delivery to " + item.vmId()));
    }

    private void showLog() {
        DeploymentRow deployment = requireDeployment();
        ItemRow item = deployment == null ? null : requireItem();
        DeliveryClient client = item == null ? null : connected();
        if (client == null) {
            return;
        }
        runner.run("Read the log of " + item.vmId(), () -> client.log(deployment.id(), item.vmId(), 0, LOG_LINES),
                lines -> new TextDialog(deployments.getTable().getShell(), "Log of " + item.vmId() + " in "
                        + deployment.name(), String.join("\n", lines)).open());
    }

    private DeliveryClient connected() {
        DeliveryClient client = services.current();
        if (client == null) {
            status.setText(DeliveryClient.NOT_CONNECTED);
        }
        return client;
    }

    private DeploymentRow selectedDeployment() {
        return deployments.getStructuredSelection().getFirstElement() instanceof DeploymentRow row ? row : null;
    }

    private ItemRow selectedItem() {
        return items.getStructuredSelection().getFirstElement() instanceof ItemRow row ? row : null;
    }

    private DeploymentRow requireDeployment() {
        DeploymentRow row = selectedDeployment();
        if (row == null) {
            status.setText("Select a deployment first.");
        }
        return row;
    }

    private ItemRow requireItem() {
        ItemRow row = selectedItem();
        if (row == null) {
            status.setText("Select a VM first.");
        }
        return row;
    }

    private void ui(Runnable action) {
        if (display != null && !display.isDisposed()) {
            display.asyncExec(() -> {
                if (deployments != null && !deployments.getTable().isDisposed()) {
                    action.run();
                }
            });
        }
    }
}
