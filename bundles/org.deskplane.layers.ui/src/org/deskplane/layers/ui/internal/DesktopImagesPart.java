package org.deskplane.layers.ui.internal;

import static org.deskplane.layers.ui.internal.LayersWidgets.WIDGETS;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.deskplane.client.ServerConnection;
import org.deskplane.layers.ui.internal.LayersRows.CvdRow;
import org.deskplane.layers.ui.internal.LayersRows.EndpointRow;
import org.deskplane.layers.ui.internal.LayersRows.VersionRow;
import org.deskplane.workbench.platform.ui.support.TextDialog;
import org.deskplane.workbench.platform.ui.support.RefreshingPart;
import org.deskplane.workbench.platform.ui.support.ServiceClient;
import org.deskplane.workbench.platform.ui.support.TableSection;
import org.deskplane.workbench.platform.ui.support.VisiblePoller;
import org.deskplane.workbench.platform.ui.support.Widgets;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.annotation.PostConstruct;

/**
 * CVDs and, for the selected one, its versions and its endpoints (scope, drivers, rule, master marker, sync status,
 * conflicts). Live: while visible it reads the server every {@value #POLL_MILLIS} ms. Diff with previous and Restore…
 * go to the server off the UI thread; a refusal ends in an error dialog with the server's words.
 */
public class DesktopImagesPart extends RefreshingPart {

    static final int POLL_MILLIS = 3000;

    /** What one poll read: the CVDs, and the selected one's detail and versions (null when none is selected). */
    private record Snapshot(List<CvdRow> cvds, String selected, JsonNode detail, List<VersionRow> versions) {
    }

    private ServiceClient<ServerConnection, LayersClient> services;
    private TableSection<CvdRow> cvds;
    private TableSection<VersionRow> versions;
    private TableSection<EndpointRow> endpoints;
    private Label master;
    private Label status;
    private VisiblePoller poller;
    /**
     * What the last action on a CVD did ("Restored version 1 as version 3"), kept on the status line while that CVD
     * is selected: the reading that follows every action rewrites the status line, and would wipe it at once.
     */
    private Outcome lastOutcome;

    private record Outcome(String cvd, String text) {
    }

    @PostConstruct
    void create(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        Composite buttons = Widgets.row(parent, 3);
        WIDGETS.button(buttons, "refresh", "Refresh", "Read the desktop images again", this::poll);
        WIDGETS.button(buttons, "diff", "Diff with previous", "What the selected version changed against the version "
                + "it was made from, per layer", this::diff);
        WIDGETS.button(buttons, "restore", "Restore\u2026", "Publish the selected version again as the newest one "
                + "(every endpoint then receives it by its layers' rules)", this::restore);

        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        TableViewer cvdTable = WIDGETS.table(pane(sash), "cvds");
        Composite middle = pane(sash);
        TableViewer versionTable = WIDGETS.table(middle, "versions");
        Composite bottom = pane(sash);
        master = WIDGETS.label(bottom, "master");
        TableViewer endpointTable = WIDGETS.table(bottom, "endpoints");
        sash.setWeights(2, 3, 3);
        status = WIDGETS.label(parent, "status");

        cvds = new TableSection<>(cvdTable, status, CvdRow.class, CvdRow::id)
                .column("CVD", 200, SWT.LEFT, CvdRow::id)
                .column("Owner", 140, SWT.LEFT, CvdRow::owner)
                .column("Head", 70, SWT.RIGHT, c -> Long.toString(c.head()))
                .column("Created", 220, SWT.LEFT, CvdRow::created);
        cvdTable.addSelectionChangedListener(e -> poll());
        focusOn(cvdTable.getTable());
        versions = new TableSection<>(versionTable, status, VersionRow.class, VersionRow::number)
                .column("Version", 70, SWT.RIGHT, v -> Long.toString(v.number()))
                .column("Kind", 90, SWT.LEFT, VersionRow::kind)
                .column("Parent", 60, SWT.RIGHT, v -> Long.toString(v.parent()))
                .column("Created", 210, SWT.LEFT, VersionRow::created)
                .column("Endpoint", 130, SWT.LEFT, VersionRow::endpoint)
                .column("Token", 60, SWT.RIGHT, v -> Long.toString(v.token()))
                .column("Layers", 300, SWT.LEFT, VersionRow::layers)
                .column("Note", 260, SWT.LEFT, VersionRow::note);
        endpoints = new TableSection<>(endpointTable, status, EndpointRow.class, EndpointRow::id)
                .column("Endpoint", 140, SWT.LEFT, EndpointRow::id)
                .column("Role", 200, SWT.LEFT, EndpointRow::role)
                .column("Scope", 90, SWT.LEFT, e -> e.scope() + (e.cacheMode() ? " (cache)" : ""))
                .column("Drivers", 150, SWT.LEFT, EndpointRow::driverSet)
                .column("Rule", 170, SWT.LEFT, EndpointRow::rule)
                .column("Sync", 320, SWT.LEFT, EndpointRow::sync)
                .column("Conflicts", 80, SWT.RIGHT, e -> Integer.toString(e.conflicts().size()))
                .column("Reported", 210, SWT.LEFT, EndpointRow::reported)
                .column("Last error", 260, SWT.LEFT, EndpointRow::lastError);
        endpointTable.getTable().addListener(SWT.MouseDoubleClick, e -> showConflicts());

        poller = closeOnDispose(new VisiblePoller(cvdTable.getTable(), "Read the desktop images", POLL_MILLIS, this::poll));
        services = closeOnDispose(LayersClient.watch(() -> ui(this::poll)));
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
        LayersClient client = cvds.connected(services.current(), LayersClient.NOT_CONNECTED);
        if (client == null) {
            versions.clear(LayersClient.NOT_CONNECTED);
            endpoints.clear(LayersClient.NOT_CONNECTED);
            return;
        }
        CvdRow selected = cvds.selected();
        String selectedId = selected == null ? null : selected.id();
        poller.read(() -> {
            List<CvdRow> list = client.cvds();
            boolean exists = selectedId != null && list.stream().anyMatch(c -> c.id().equals(selectedId));
            return exists ? new Snapshot(list, selectedId, client.detail(selectedId), client.versions(selectedId))
                    : new Snapshot(list, null, null, null);
        }, this::show, failure -> status.setText("Cannot read the desktop images: " + failure.getMessage()));
    }

    private void show(Snapshot snapshot) {
        cvds.show(snapshot.cvds());
        CvdRow now = cvds.selected();
        if (now == null) {
            versions.viewer().setInput(List.of());
            endpoints.viewer().setInput(List.of());
            master.setText("Select a CVD to see its versions and endpoints.");
        } else if (snapshot.selected() != null && snapshot.selected().equals(now.id())) {
            versions.show(snapshot.versions());
            JsonNode detail = snapshot.detail();
            JsonNode m = detail.path("master");
            Map<String, JsonNode> statuses = new HashMap<>();
            detail.path("statuses").forEach(s -> statuses.put(LayersRows.text(s, "endpointId"), s));
            endpoints.show(LayersRows.array(detail.get("bindings")).stream()
                    .map(b -> EndpointRow.of(b, m, statuses.get(LayersRows.text(b, "endpointId")))).toList());
            master.setText(masterLine(m));
        }
        status.setText(snapshot.cvds().size() + " desktop image(s)"
                + (now == null ? "" : "; " + now.id() + " at version " + now.head())
                + (now != null && lastOutcome != null && lastOutcome.cvd().equals(now.id())
                        ? " \u2014 " + lastOutcome.text() : ""));
        master.getParent().layout(true);
    }

    static String masterLine(JsonNode m) {
        String who = LayersRows.text(m, "master");
        if (who.isEmpty()) {
            return "No master yet: the first endpoint with user activity becomes master.";
        }
        String line = "Master: " + who + " (token " + m.path("token").asLong() + ", lease until "
                + LayersRows.text(m, "leaseExpires") + ")";
        String phase = LayersRows.text(m, "phase");
        return "STEADY".equals(phase) ? line : line + " \u2014 switching to " + LayersRows.text(m, "candidate")
                + ": " + phase;
    }

    private void diff() {
        CvdRow cvd = cvds.selected("a CVD");
        VersionRow version = cvd == null ? null : versions.selected("a version");
        LayersClient client = version == null ? null : connected();
        if (client == null) {
            return;
        }
        runner().run("Diff version " + version.number() + " of " + cvd.id(),
                () -> client.diff(cvd.id(), version.parent(), version.number()),
                diff -> new TextDialog(cvds.table().getShell(), WIDGETS, cvd.id() + ": version " + version.number()
                        + " against " + version.parent(), DiffText.of(diff)).open());
    }

    private void restore() {
        CvdRow cvd = cvds.selected("a CVD");
        VersionRow version = cvd == null ? null : versions.selected("a version");
        LayersClient client = version == null ? null : connected();
        if (client == null) {
            return;
        }
        if (!MessageDialog.openConfirm(cvds.table().getShell(), "Restore version",
                "Publish version " + version.number() + " of " + cvd.id() + " again as the newest version?\n\n"
                        + "Every endpoint receives it by its layers' rules: user files at once, profile at the next "
                        + "log-on, applications and OS at the next restart. Newer versions stay and can be restored.")) {
            return;
        }
        change("Restore version " + version.number() + " of " + cvd.id(),
                () -> client.restore(cvd.id(), version.number(), "restored from the workbench"), this::poll,
                restored -> {
                    lastOutcome = new Outcome(cvd.id(), "Restored version " + version.number() + " as version "
                            + restored.number());
                    status.setText(lastOutcome.text());
                });
    }

    private void showConflicts() {
        EndpointRow row = endpoints.selected();
        if (row != null) {
            new TextDialog(cvds.table().getShell(), WIDGETS, "Conflict copies on " + row.id(), row.conflicts().isEmpty()
                    ? "No conflict copies." : String.join("\n", row.conflicts())).open();
        }
    }

    /** The client, or null after saying why there is none. */
    private LayersClient connected() {
        return cvds.required(services.current(), LayersClient.NOT_CONNECTED);
    }
}
