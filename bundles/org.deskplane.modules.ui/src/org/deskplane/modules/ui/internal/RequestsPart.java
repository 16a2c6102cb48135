package org.deskplane.modules.ui.internal;

import static org.deskplane.modules.ui.internal.ModuleWidgets.WIDGETS;

import java.util.List;

import org.deskplane.client.ServerConnection;
import org.deskplane.modules.api.ModuleRequest;
import org.deskplane.modules.api.ModuleStatus;
import org.deskplane.workbench.platform.ui.support.RefreshingPart;
import org.deskplane.workbench.platform.ui.support.ServiceClient;
import org.deskplane.workbench.platform.ui.support.TableSection;
import org.deskplane.workbench.platform.ui.support.VisiblePoller;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;

import jakarta.annotation.PostConstruct;

/**
 * The module host's request history, newest first: who asked (VM, image, user or administrator), which verb about
 * what, and how it ended. Denied and failed requests are there too and counted in the status line. Read every
 * {@value #POLL_MILLIS} ms while the part is visible.
 */
public class RequestsPart extends RefreshingPart {

    static final int POLL_MILLIS = 3000;
    static final int LIMIT = 200;

    private ServiceClient<ServerConnection, ModulesClient> services;
    private VisiblePoller poller;
    private TableSection<ModuleRequest> table;
    private Text vm;

    @PostConstruct
    void create(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        table = new TableSection<>(parent, WIDGETS, ModuleRequest.class, "requests", 3, "status", ModuleRequest::id);
        focusOn(table.table());
        Composite filter = table.row();
        new Label(filter, SWT.NONE).setText("VM:");
        vm = new Text(filter, SWT.BORDER);
        vm.setMessage("all VMs (a VM id)");
        vm.setData(WIDGETS.key(), "vm");
        vm.setLayoutData(new GridData(280, SWT.DEFAULT));
        vm.addListener(SWT.DefaultSelection, e -> refresh());
        WIDGETS.button(filter, "refresh", "Refresh", "Read the history now", this::refresh);
        table.column("Id", 60, SWT.RIGHT, r -> Long.toString(r.id()))
                .column("Time", 150, SWT.LEFT, r -> Texts.time(r.time()))
                .column("Status", 130, SWT.LEFT, r -> r.status() == null ? "?" : r.status().name())
                .column("Verb", 90, SWT.LEFT, r -> r.verb() == null ? "?" : r.verb().name())
                .column("Target", 220, SWT.LEFT, ModuleRequest::target)
                .column("VM", 160, SWT.LEFT, r -> r.requester().admin() ? "(administrator)" : r.requester().vmId())
                .column("Image", 140, SWT.LEFT, r -> r.requester().image())
                .column("User", 100, SWT.LEFT, r -> r.requester().user())
                .column("Message", 300, SWT.LEFT, ModuleRequest::message);
        poller = closeOnDispose(new VisiblePoller(table.table(), "Read the module requests", POLL_MILLIS,
                this::refresh));
        services = closeOnDispose(ModulesClient.watch(() -> ui(this::refresh)));
        refresh();
    }

    /** Reads the history, one read at a time (the poller's ticks, Refresh, Enter in the VM field). */
    @Override
    protected void refresh() {
        ModulesClient client = table.connected(services.current(), ModulesClient.NOT_CONNECTED);
        if (client != null) {
            String filter = vm.getText().strip();
            poller.read(() -> client.requests(filter, LIMIT), this::show,
                    e -> table.say("Reading the module requests failed: " + e.getMessage()));
        }
    }

    private void show(List<ModuleRequest> requests) {
        table.show(requests);
        long denied = requests.stream().filter(r -> r.status() == ModuleStatus.DENIED).count();
        long failed = requests.stream().filter(r -> r.status() != null && !r.status().ok()
                && r.status() != ModuleStatus.DENIED).count();
        table.say(requests.size() + " request(s), " + denied + " denied, " + failed + " failed (newest first, "
                + "read every " + POLL_MILLIS / 1000 + " s)");
        Table widget = table.table();
        Display current = widget.getDisplay();
        for (int i = 0; i < widget.getItemCount(); i++) {
            Object data = widget.getItem(i).getData();
            // items are reused across reads: an item that shows an ok request now gets the default colour back
            ModuleStatus status = data instanceof ModuleRequest r ? r.status() : null;
            boolean bad = status != null && !status.ok();
            widget.getItem(i).setForeground(!bad ? null : current.getSystemColor(
                    status == ModuleStatus.DENIED ? SWT.COLOR_DARK_RED : SWT.COLOR_DARK_MAGENTA));
        }
    }
}
