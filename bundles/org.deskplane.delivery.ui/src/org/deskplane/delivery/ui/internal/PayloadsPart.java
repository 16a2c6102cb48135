package org.deskplane.delivery.ui.internal;

import static org.deskplane.delivery.ui.internal.DeliveryWidgets.WIDGETS;

import org.deskplane.client.ServerConnection;
import org.deskplane.delivery.ui.internal.DeliveryRows.PayloadRow;
import org.deskplane.workbench.platform.ui.support.TextDialog;
import org.deskplane.workbench.platform.ui.support.RefreshingPart;
import org.deskplane.workbench.platform.ui.support.ServiceClient;
import org.deskplane.workbench.platform.ui.support.TableSection;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.annotation.PostConstruct;

/**
 * The server's payload library: id, version, files, size, ISO label and whether the image is built. Import zip…,
 * Build ISO, Inspect (files with SHA-256 and the steps) and Delete go to the server off the UI thread; a refusal ends
 * in an error dialog with the server's words, and the table is read again after every change.
 */
public class PayloadsPart extends RefreshingPart {

    private ServiceClient<ServerConnection, DeliveryClient> services;
    private TableSection<PayloadRow> table;

    @PostConstruct
    void create(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        table = new TableSection<>(parent, WIDGETS, PayloadRow.class, "payloads", 5, "status", PayloadRow::ref);
        focusOn(table.table());
        Composite buttons = table.row();
        WIDGETS.button(buttons, "refresh", "Refresh", "Read the payloads again", this::refresh);
        WIDGETS.button(buttons, "import", "Import zip\u2026", "Import a payload zip (deskplane-payload.conf in its root)",
                this::importZip);
        WIDGETS.button(buttons, "build", "Build ISO", "Build the selected payload's ISO image", this::build);
        WIDGETS.button(buttons, "inspect", "Inspect", "Show the selected payload's files with SHA-256 and its steps",
                this::inspect);
        WIDGETS.button(buttons, "delete", "Delete", "Delete the selected payload and its image", this::delete);
        table.column("Id", 200, SWT.LEFT, PayloadRow::id)
                .column("Version", 110, SWT.LEFT, PayloadRow::version)
                .column("Files", 60, SWT.RIGHT, p -> Integer.toString(p.files()))
                .column("Size", 90, SWT.RIGHT, p -> DeliveryRows.bytes(p.size()))
                .column("Label", 220, SWT.LEFT, PayloadRow::label)
                .column("Image", 120, SWT.LEFT, p -> p.imageBuilt() ? DeliveryRows.bytes(p.imageSize()) : "not built")
                .column("Description", 280, SWT.LEFT, PayloadRow::description);
        services = closeOnDispose(DeliveryClient.watch(() -> ui(this::refresh)));
        refresh();
    }

    @Override
    protected void refresh() {
        refresh(null);
    }

    private void refresh(String select) {
        DeliveryClient client = table.connected(services.current(), DeliveryClient.NOT_CONNECTED);
        if (client != null) {
            table.load(runner(), "the payloads", client::payloads, select, payloads -> {
                long built = payloads.stream().filter(PayloadRow::imageBuilt).count();
                table.say(payloads.size() + " payload(s), " + built + " with an ISO image");
            });
        }
    }

    private void importZip() {
        DeliveryClient client = connected();
        if (client == null) {
            return;
        }
        ImportDialog dialog = new ImportDialog(table.table().getShell());
        if (dialog.open() != Window.OK) {
            return;
        }
        String name = dialog.zip().getFileName().toString();
        table.say("Importing " + name + " \u2026");
        change("Import payload " + name, () -> client.importZip(dialog.zip()), this::refresh, imported -> {
            refresh(imported.ref());
            table.say("Imported " + imported.ref() + " (" + imported.files() + " files)");
        });
    }

    private void build() {
        PayloadRow selected = selected();
        DeliveryClient client = selected == null ? null : connected();
        if (client == null) {
            return;
        }
        table.say("Building the ISO image of " + selected.ref() + " \u2026");
        change("Build the ISO image of " + selected.ref(), () -> client.buildImage(selected),
                () -> refresh(selected.ref()), image -> table.say("Built " + selected.ref() + ": "
                        + DeliveryRows.bytes(image.path("size").asLong()) + ", label " + image.path("label").asText()
                        + ", SHA-256 " + image.path("sha256").asText()));
    }

    private void inspect() {
        PayloadRow selected = selected();
        DeliveryClient client = selected == null ? null : connected();
        if (client == null) {
            return;
        }
        runner().run("Read payload " + selected.ref(), () -> client.payload(selected),
                detail -> new TextDialog(table.table().getShell(), WIDGETS, "Payload " + selected.ref(), describe(detail)).open());
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
        if (!MessageDialog.openConfirm(table.table().getShell(), "Delete payload",
                "Delete " + selected.ref() + " and its ISO image from the server?")) {
            return;
        }
        change("Delete payload " + selected.ref(), () -> {
            client.delete(selected);
            return selected.ref();
        }, this::refresh, ref -> table.say("Deleted " + ref));
    }

    private PayloadRow selected() {
        return table.selected("a payload");
    }

    /** The client, or null after saying why there is none. */
    private DeliveryClient connected() {
        return table.required(services.current(), DeliveryClient.NOT_CONNECTED);
    }
}
