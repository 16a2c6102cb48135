package org.deskplane.delivery.ui.internal;

import static org.deskplane.delivery.ui.internal.DeliveryWidgets.WIDGETS;

import java.util.List;

import org.deskplane.client.ServerConnection;
import org.deskplane.delivery.ui.internal.DeliveryRows.PayloadRow;
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
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * The server's payload library: id, version, files, size, ISO label and whether the image is built. Import zip…,
 * Build ISO, Inspect (files with SHA-256 and the steps) and Delete go to the server off the UI thread; a refusal ends
 * in an error dialog with the server's words, and the table is read again after every change.
 */
public class PayloadsPart {

    @Inject
    private OperationRunner runner;
    @Inject
    private Display display;

    private ServiceClient<ServerConnection, DeliveryClient> services;
    private TableViewer table;
    private Label status;

    @PostConstruct
    void create(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        Composite buttons = Widgets.row(parent, 5);
        WIDGETS.button(buttons, "refresh", "Refresh", "Read the payloads again", this::refresh);
        WIDGETS.button(buttons, "import", "Import zip\u2026", "Import a payload zip (deskplane-payload.conf in its root)",
                this::importZip);
        WIDGETS.button(buttons, "build", "Build ISO", "Build the selected payload's ISO image", this::build);
        WIDGETS.button(buttons, "inspect", "Inspect", "Show the selected payload's files with SHA-256 and its steps",
                this::inspect);
        WIDGETS.button(buttons, "delete", "Delete", "Delete the selected payload and its image", this::delete);
        table = WIDGETS.table(parent, "payloads");
        Widgets.column(table, PayloadRow.class, "Id", 200, SWT.LEFT, PayloadRow::id);
        Widgets.column(table, PayloadRow.class, "Version", 110, SWT.LEFT, PayloadRow::version);
        Widgets.column(table, PayloadRow.class, "Files", 60, SWT.RIGHT, p -> Integer.toString(p.files()));
        Widgets.column(table, PayloadRow.class, "Size", 90, SWT.RIGHT, p -> DeliveryRows.bytes(p.size()));
        Widgets.column(table, PayloadRow.class, "Label", 220, SWT.LEFT, PayloadRow::label);
        Widgets.column(table, PayloadRow.class, "Image", 120, SWT.LEFT,
                p -> p.imageBuilt() ? DeliveryRows.bytes(p.imageSize()) : "not built");
        Widgets.column(table, PayloadRow.class, "Description", 280, SWT.LEFT, PayloadRow::description);
        status = WIDGETS.label(parent, "status");
        services = DeliveryClient.watch(() -> ui(this::refresh));
        refresh();
    }

    @PreDestroy
    void dispose() {
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
        refresh();
    }

    private void refresh() {
        refresh(null);
    }

    private void refresh(String select) {
        if (table == null || table.getTable().isDisposed()) {
            return;
        }
        DeliveryClient client = services.current();
        if (client == null) {
            table.setInput(List.of());
            status.setText(DeliveryClient.NOT_CONNECTED);
            return;
        }
        status.setText("Reading the payloads \u2026");
        runner.run("Read the payloads", client::payloads, payloads -> {
            if (table.getTable().isDisposed()) {
                return;
            }
            table.setInput(payloads);
            payloads.stream().filter(p -> p.ref().equals(select)).findFirst()
                    .ifPresent(p -> table.setSelection(new StructuredSelection(p), true));
            long built = payloads.stream().filter(PayloadRow::imageBuilt).count();
            status.setText(payloads.size() + " payload(s), " + built + " with an ISO image");
        });
    }

    private void importZip() {
        DeliveryClient client = connected();
        if (client == null) {
            return;
        }
        ImportDialog dialog = new ImportDialog(table.getTable().getShell());
        if (dialog.open() != Window.OK) {
            return;
        }
        String name = dialog.zip().getFileName().toString();
        status.setText("Importing " + name + " \u2026");
        runner.run("Import payload " + name, () -> {
            try {
                return client.importZip(dialog.zip());
            } finally {
                ui(this::refresh);
            }
        }, imported -> {
            refresh(imported.ref());
            status.setText("Imported " + imported.ref() + " (" + imported.files() + " files)");
        });
    }

    private void build() {
        PayloadRow selected = selected();
        DeliveryClient client = selected == null ? null : connected();
        if (client == null) {
            return;
        }
        status.setText("Building the ISO image of " + selected.ref() + " \u2026");
        runner.run("Build the ISO image of " + selected.ref(), () -> {
            try {
                return client.buildImage(selected);
            } finally {
                ui(() -> refresh(selected.ref()));
            }
        }, image -> status.setText("Built " + selected.ref() + ": " + DeliveryRows.bytes(image.path("size").asLong())
                + ", label " + image.path("label").asText() + ", SHA-256 " + image.path("sha256").asText()));
    }

    private void inspect() {
        PayloadRow selected = selected();
        DeliveryClient client = selected == null ? null : connected();
        if (client == null) {
            return;
        }
        runner.run("Read payload " + selected.ref(), () -> client.payload(selected),
                detail -> new TextDialog(table.getTable().getShell(), "Payload " + selected.ref(), describe(detail)).open());
    }

    /** Files with size and digest, then the steps in the order the guest runs them. */
    static String describe(JsonNode p) {
        StringBuilder out = new StringBuilder();
        out.append(p.path("id").asText()).append(' ').append(p.path("version").asText()).append(" \u2014 ")
                .append(p.path("description").asText()).append('\n');
        out.append("ISO label ").append(p.path("label").asText()).append(", timeout ")
                .append(p.path("timeoutSeconds").asLong()).append(" s, reboot ")
                .append(p.path("rebootRequired").asBoolean() ? "yes" : "no").append('\n');
        JsonNode image = p.path("image");
        out.append("Image: ").append(image.path("built").asBoolean()
                ? image.path("size").asLong() + " bytes, SHA-256 " + image.path("sha256").asText() : "not built").append("\n\n");
        out.append("Steps:\n");
        int n = 1;
        for (JsonNode s : DeliveryRows.array(p.get("steps"))) {
            out.append("  ").append(n++).append(". ");
            if ("COPY".equals(s.path("kind").asText())) {
                out.append("copy ").append(s.path("source").asText()).append(" => ").append(s.path("target").asText());
            } else {
                out.append("run ").append(s.path("source").asText());
                DeliveryRows.array(s.get("args")).forEach(a -> out.append(' ').append(a.asText()));
            }
            out.append('\n');
        }
        out.append("\nFiles:\n");
        for (JsonNode f : DeliveryRows.array(p.get("files"))) {
            out.append("  ").append(f.path("sha256").asText()).append("  ").append(String.format("%10d", f.path("size").asLong()))
                    .append("  ").append(f.path("path").asText()).append('\n');
        }
        return out.toString();
    }

    private void delete() {
        PayloadRow selected = selected();
        DeliveryClient client = selected == null ? null : connected();
        if (client == null) {
            return;
        }
        if (!MessageDialog.openConfirm(table.getTable().getShell(), "Delete payload",
                "Delete " + selected.ref() + " and its ISO image from the server?")) {
            return;
        }
        runner.run("Delete payload " + selected.ref(), () -> {
            try {
                client.delete(selected);
                return selected.ref();
            } finally {
                ui(this::refresh);
            }
        }, ref -> status.setText("Deleted " + ref));
    }

    /** The client, or null after saying why there is none. */
    private DeliveryClient connected() {
        DeliveryClient client = services.current();
        if (client == null) {
            status.setText(DeliveryClient.NOT_CONNECTED);
        }
        return client;
    }

    private PayloadRow selected() {
        if (table.getStructuredSelection().getFirstElement() instanceof PayloadRow row) {
            return row;
        }
        status.setText("Select a payload first.");
        return null;
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
