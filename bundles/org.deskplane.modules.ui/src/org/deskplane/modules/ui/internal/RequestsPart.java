package org.deskplane.modules.ui.internal;

import static org.deskplane.modules.ui.internal.ModuleWidgets.WIDGETS;

import java.util.List;

import org.deskplane.client.ServerConnection;
import org.deskplane.modules.api.ModuleRequest;
import org.deskplane.modules.api.ModuleStatus;
import org.deskplane.workbench.WorkbenchTopics;
import org.deskplane.workbench.platform.ui.support.ServiceClient;
import org.deskplane.workbench.platform.ui.support.Widgets;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * The module host's request history, newest first: who asked (VM, image, user or administrator), which verb about
 * what, and how it ended. Denied and failed requests are there too and counted in the status line. Read every
 * {@value #POLL_MILLIS} ms while the part is visible.
 */
public class RequestsPart {

    static final int POLL_MILLIS = 3000;

    @Inject
    private Display display;

    private ServiceClient<ServerConnection, ModulesClient> services;
    private final RequestPoller poller = new RequestPoller();
    private TableViewer table;
    private Text vm;
    private Label status;
    private final Runnable tick = this::tick;

    @PostConstruct
    void create(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        Composite filter = Widgets.row(parent, 3);
        new Label(filter, SWT.NONE).setText("VM:");
        vm = new Text(filter, SWT.BORDER);
        vm.setMessage("all VMs (a VM id)");
        vm.setData(WIDGETS.key(), "vm");
        vm.setLayoutData(new GridData(280, SWT.DEFAULT));
        vm.addListener(SWT.DefaultSelection, e -> read());
        WIDGETS.button(filter, "refresh", "Refresh", "Read the history now", this::read);
        table = WIDGETS.table(parent, "requests");
        Widgets.column(table, ModuleRequest.class, "Id", 60, SWT.RIGHT, r -> Long.toString(r.id()));
        Widgets.column(table, ModuleRequest.class, "Time", 150, SWT.LEFT, r -> Texts.time(r.time()));
        Widgets.column(table, ModuleRequest.class, "Status", 130, SWT.LEFT,
                r -> r.status() == null ? "?" : r.status().name());
        Widgets.column(table, ModuleRequest.class, "Verb", 90, SWT.LEFT, r -> r.verb() == null ? "?" : r.verb().name());
        Widgets.column(table, ModuleRequest.class, "Target", 220, SWT.LEFT, ModuleRequest::target);
        Widgets.column(table, ModuleRequest.class, "VM", 160, SWT.LEFT,
                r -> r.requester().admin() ? "(administrator)" : r.requester().vmId());
        Widgets.column(table, ModuleRequest.class, "Image", 140, SWT.LEFT, r -> r.requester().image());
        Widgets.column(table, ModuleRequest.class, "User", 100, SWT.LEFT, r -> r.requester().user());
        Widgets.column(table, ModuleRequest.class, "Message", 300, SWT.LEFT, ModuleRequest::message);
        status = WIDGETS.label(parent, "status");
        services = ModulesClient.watch(() -> ui(this::read));
        read();
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
        table.getTable().setFocus();
    }

    @Inject
    @Optional
    void onRefresh(@UIEventTopic(WorkbenchTopics.REFRESH) Object ignored) {
        read();
    }

    /** Polls only while the part can be seen; the timer keeps running (cheaply) while it is hidden. */
    private void tick() {
        if (table == null || table.getTable().isDisposed()) {
            return;
        }
        if (table.getTable().isVisible()) {
            read();
        }
        display.timerExec(POLL_MILLIS, tick);
    }

    private void read() {
        if (table == null || table.getTable().isDisposed()) {
            return;
        }
        ModulesClient client = services.current();
        if (client == null) {
            table.setInput(List.of());
            status.setText(ModulesClient.NOT_CONNECTED);
            return;
        }
        String filter = vm.getText().strip();
        poller.read(client, filter, requests -> ui(() -> show(requests)),
                e -> ui(() -> status.setText("Reading the module requests failed: " + e.getMessage())));
    }

    private void show(List<ModuleRequest> requests) {
        Object selected = table.getStructuredSelection().getFirstElement();
        table.setInput(requests);
        if (selected instanceof ModuleRequest previous) {
            requests.stream().filter(r -> r.id() == previous.id()).findFirst().ifPresent(
                    r -> table.setSelection(new org.eclipse.jface.viewers.StructuredSelection(r)));
        }
        long denied = requests.stream().filter(r -> r.status() == ModuleStatus.DENIED).count();
        long failed = requests.stream().filter(r -> r.status() != null && !r.status().ok()
                && r.status() != ModuleStatus.DENIED).count();
        status.setText(requests.size() + " request(s), " + denied + " denied, " + failed + " failed (newest first, "
                + "read every " + POLL_MILLIS / 1000 + " s)");
        Display current = table.getTable().getDisplay();
        for (int i = 0; i < table.getTable().getItemCount(); i++) {
            Object data = table.getTable().getItem(i).getData();
            if (data instanceof ModuleRequest r && r.status() != null && !r.status().ok()) {
                table.getTable().getItem(i).setForeground(current.getSystemColor(
                        r.status() == ModuleStatus.DENIED ? SWT.COLOR_DARK_RED : SWT.COLOR_DARK_MAGENTA));
            }
        }
    }

    private void ui(Runnable action) {
        if (display != null && !display.isDisposed()) {
            display.asyncExec(() -> {
                if (table != null && !table.getTable().isDisposed()) {
                    action.run();
                }
            });
        }
    }
}
