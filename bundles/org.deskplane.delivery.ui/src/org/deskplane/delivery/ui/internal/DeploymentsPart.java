package org.deskplane.delivery.ui.internal;

import static org.deskplane.delivery.ui.internal.DeliveryWidgets.WIDGETS;

import java.util.List;

import org.deskplane.client.ServerConnection;
import org.deskplane.delivery.ui.internal.DeliveryRows.DeploymentRow;
import org.deskplane.delivery.ui.internal.DeliveryRows.ItemRow;
import org.deskplane.workbench.platform.ui.support.TextDialog;
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
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.annotation.PostConstruct;

/**
 * Deployments and, for the selected one, its VMs with a progress bar, state, message and exit code. Live: while the
 * part is visible it reads the server every {@value #POLL_MILLIS} ms (one read at a time). New deployment…,
 * Pause/Resume, Cancel, Retry failed, Cancel VM and Show log go to the server off the UI thread; a refusal ends in an
 * error dialog with the server's words.
 */
public class DeploymentsPart extends RefreshingPart {

    static final int POLL_MILLIS = 1500;
    static final int LOG_LINES = 5000;

    /** What one poll read: the list, and the selected deployment's detail (null when none is selected). */
    private record Snapshot(List<DeploymentRow> deployments, JsonNode selected) {
    }

    private ServiceClient<ServerConnection, DeliveryClient> services;
    private TableSection<DeploymentRow> deployments;
    private TableSection<ItemRow> items;
    private Label detail;
    private Label status;
    private VisiblePoller poller;

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
        TableViewer deploymentsTable = WIDGETS.table(top, "deployments");

        Composite bottom = new Composite(sash, SWT.NONE);
        bottom.setLayout(new GridLayout(1, false));
        detail = WIDGETS.label(bottom, "detail");
        TableViewer itemsTable = WIDGETS.table(bottom, "items");
        sash.setWeights(2, 3);
        status = WIDGETS.label(parent, "status");

        deployments = new TableSection<>(deploymentsTable, status, DeploymentRow.class, DeploymentRow::id)
                .column("Name", 220, SWT.LEFT, DeploymentRow::name)
                .column("State", 100, SWT.LEFT, DeploymentRow::state)
                .column("Summary", 300, SWT.LEFT, DeploymentRow::summary)
                .column("Payloads", 200, SWT.LEFT, DeploymentRow::payloads)
                .column("Id", 120, SWT.LEFT, DeploymentRow::id)
                .column("Why", 260, SWT.LEFT, DeploymentRow::stateReason);
        deploymentsTable.addSelectionChangedListener(e -> poll());
        focusOn(deploymentsTable.getTable());
        // an item is the same across reads when it is the same VM getting the same payload
        items = new TableSection<>(itemsTable, status, ItemRow.class, i -> List.of(i.vmId(), i.payload()))
                .column("VM", 180, SWT.LEFT, i -> i.vmName().isEmpty() ? i.vmId() : i.vmName())
                .column("Progress", 120, SWT.CENTER, i -> i.progress() + "%")
                .column("State", 160, SWT.LEFT, ItemRow::shownState)
                .column("Message", 280, SWT.LEFT, ItemRow::message)
                .column("Exit code", 70, SWT.RIGHT, ItemRow::exitCode)
                .column("Method", 100, SWT.LEFT, ItemRow::method)
                .column("Payload", 160, SWT.LEFT, ItemRow::payload)
                .column("Attempts", 70, SWT.RIGHT, i -> Integer.toString(i.attempts()))
                .column("VM id", 300, SWT.LEFT, ItemRow::vmId);
        ProgressBars.install(itemsTable.getTable(), 1, ItemRow.class, ItemRow::progress);

        poller = closeOnDispose(new VisiblePoller(deploymentsTable.getTable(), "Read the deployments", POLL_MILLIS,
                this::poll));
        services = closeOnDispose(DeliveryClient.watch(() -> ui(this::poll)));
        poll();
    }

    @Override
    protected void refresh() {
        poll();
    }

    private void poll() {
        DeliveryClient client = deployments.connected(services.current(), DeliveryClient.NOT_CONNECTED);
        if (client == null) {
            items.clear(DeliveryClient.NOT_CONNECTED);
            return;
        }
        DeploymentRow selected = deployments.selected();
        String selectedId = selected == null ? null : selected.id();
        poller.read(() -> {
            List<DeploymentRow> list = client.deployments();
            boolean exists = selectedId != null && list.stream().anyMatch(d -> d.id().equals(selectedId));
            return new Snapshot(list, exists ? client.deployment(selectedId) : null);
        }, this::show, failure -> status.setText("Cannot read the deployments: " + failure.getMessage()));
    }

    private void show(Snapshot snapshot) {
        deployments.show(snapshot.deployments());
        DeploymentRow now = deployments.selected();
        JsonNode d = snapshot.selected();
        if (now == null) {
            items.viewer().setInput(List.of());
            detail.setText("Select a deployment to see its VMs.");
        } else if (d != null && d.path("id").asText().equals(now.id())) {
            items.show(DeliveryRows.array(d.get("items")).stream().map(ItemRow::of).toList());
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
        runner().run("Read the payloads", client::payloads, payloads -> {
            NewDeploymentDialog dialog = new NewDeploymentDialog(deployments.table().getShell(), payloads);
            if (dialog.open() != Window.OK) {
                return;
            }
            runner().run("Create deployment", () -> client.create(dialog.body()), created -> {
                String id = created.path("id").asText();
                status.setText("Created deployment " + id + " with " + created.path("items").size() + " item(s)");
                select(id);
            });
        });
    }

    /** Reads the deployments and selects the new one (the selection then polls its VMs). */
    private void select(String id) {
        DeliveryClient client = services.current();
        if (client != null) {
            deployments.load(runner(), "the deployments", client::deployments, id, list -> {
            });
        }
    }

    private void pauseOrResume() {
        DeploymentRow selected = requireDeployment();
        if (selected != null) {
            act(selected, selected.state().equals("PAUSED") ? "resume" : "pause");
        }
    }

    private void cancel() {
        DeploymentRow selected = requireDeployment();
        if (selected != null && MessageDialog.openConfirm(deployments.table().getShell(), "Cancel deployment",
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
        change(verb + " deployment " + deployment.name(), () -> client.act(deployment.id(), verb), this::poll,
                answer -> status.setText(verb.equals("retry")
                        ? answer.path("retried").asInt() + " VM(s) put back to pending"
                        : deployment.name() + ": " + answer.path("state").asText()));
    }

    private void cancelVm() {
        DeploymentRow deployment = requireDeployment();
        ItemRow item = deployment == null ? null : requireItem();
        DeliveryClient client = item == null ? null : connected();
        if (client == null) {
            return;
        }
        change("Cancel " + item.vmId() + " in " + deployment.name(),
                () -> client.cancelVm(deployment.id(), item.vmId()), this::poll,
                answer -> status.setText("Cancelled the delivery to " + item.vmId()));
    }

    private void showLog() {
        DeploymentRow deployment = requireDeployment();
        ItemRow item = deployment == null ? null : requireItem();
        DeliveryClient client = item == null ? null : connected();
        if (client == null) {
            return;
        }
        runner().run("Read the log of " + item.vmId(), () -> client.log(deployment.id(), item.vmId(), 0, LOG_LINES),
                lines -> new TextDialog(deployments.table().getShell(), WIDGETS, "Log of " + item.vmId() + " in "
                        + deployment.name(), String.join("\n", lines)).open());
    }

    private DeploymentRow requireDeployment() {
        return deployments.selected("a deployment");
    }

    private ItemRow requireItem() {
        return items.selected("a VM");
    }

    /** The client, or null after saying why there is none. */
    private DeliveryClient connected() {
        return deployments.required(services.current(), DeliveryClient.NOT_CONNECTED);
    }
}
