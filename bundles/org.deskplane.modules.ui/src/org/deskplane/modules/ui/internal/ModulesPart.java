package org.deskplane.modules.ui.internal;

import static org.deskplane.modules.ui.internal.ModuleWidgets.WIDGETS;

import org.deskplane.client.ServerConnection;
import org.deskplane.modules.api.ModuleInfo;
import org.deskplane.modules.api.ModuleState;
import org.deskplane.workbench.platform.ui.support.RefreshingPart;
import org.deskplane.workbench.platform.ui.support.ServiceClient;
import org.deskplane.workbench.platform.ui.support.TableSection;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;

import jakarta.annotation.PostConstruct;

/**
 * The server's module store: every module with its state, signer and size, and the message of a failed or
 * quarantined one. Upload…, Load, Unload, Replace loaded, Delete and Clear quarantine go to the server off the UI thread; a refusal
 * (an unsigned jar is 422 UNSIGNED, a loaded module cannot be deleted: 409 CONFLICT …) ends in an error dialog with
 * the server's words, and the table is read again after every change.
 */
public class ModulesPart extends RefreshingPart {

    private ServiceClient<ServerConnection, ModulesClient> services;
    private TableSection<ModuleInfo> table;

    @PostConstruct
    void create(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        table = new TableSection<>(parent, WIDGETS, ModuleInfo.class, "modules", 7, "status", ModuleInfo::id);
        focusOn(table.table());
        Composite buttons = table.row();
        WIDGETS.button(buttons, "refresh", "Refresh", "Read the modules again", this::refresh);
        WIDGETS.button(buttons, "upload", "Upload\u2026", "Upload a signed module jar", this::upload);
        WIDGETS.button(buttons, "load", "Load", "Load the selected module into the module region", () -> act("Load"));
        WIDGETS.button(buttons, "unload", "Unload", "Stop and uninstall the selected module (it stays stored)",
                () -> act("Unload"));
        WIDGETS.button(buttons, "replace", "Replace loaded",
                "Replace the loaded version of this module by the selected version (registrations move to it)",
                () -> act("Replace"));
        WIDGETS.button(buttons, "delete", "Delete", "Delete the selected module from the store", this::delete);
        WIDGETS.button(buttons, "clearQuarantine", "Clear quarantine",
                "Let the selected quarantined module be loaded again", () -> act("Clear quarantine"));
        table.column("Name", 220, SWT.LEFT, ModuleInfo::symbolicName)
                .column("Version", 110, SWT.LEFT, ModuleInfo::version)
                .column("State", 120, SWT.LEFT, m -> m.state() == null ? "?" : m.state().name())
                .column("Signer", 220, SWT.LEFT, ModuleInfo::signer)
                .column("Size", 80, SWT.RIGHT, m -> Texts.bytes(m.size()))
                .column("Message", 260, SWT.LEFT, ModuleInfo::message)
                .column("Stored", 150, SWT.LEFT, m -> Texts.time(m.storedAt()))
                .column("SHA-256", 150, SWT.LEFT, m -> Texts.shortHex(m.sha256()));

        services = closeOnDispose(ModulesClient.watch(() -> ui(this::refresh)));
        refresh();
    }

    @Override
    protected void refresh() {
        refresh(null);
    }

    private void refresh(String select) {
        ModulesClient client = table.connected(services.current(), ModulesClient.NOT_CONNECTED);
        if (client != null) {
            table.load(runner(), "the modules", client::modules, select, modules -> {
                long loaded = modules.stream().filter(m -> m.state() == ModuleState.LOADED).count();
                long quarantined = modules.stream().filter(m -> m.state() == ModuleState.QUARANTINED).count();
                table.say(modules.size() + " module(s), " + loaded + " loaded, " + quarantined + " quarantined");
            });
        }
    }

    private void upload() {
        ModulesClient client = connected();
        if (client == null) {
            return;
        }
        UploadDialog dialog = new UploadDialog(table.table().getShell());
        if (dialog.open() != Window.OK) {
            return;
        }
        String name = dialog.jar().getFileName().toString();
        table.say("Uploading " + name + " \u2026");
        change("Upload module " + name, () -> client.upload(dialog.jar(), dialog.loadAfterUpload()),
                this::refresh, stored -> {
            refresh(stored.id());
            table.say("Uploaded " + stored.id() + " (" + stored.state() + ")");
        });
    }

    /** Load, Unload and Clear quarantine: one call on the selected module, then the table is read again. */
    private void act(String verb) {
        ModuleInfo selected = table.selected("a module");
        ModulesClient client = selected == null ? null : connected();
        if (client == null) {
            return;
        }
        table.say(verb + " " + selected.id() + " \u2026");
        change(verb + " module " + selected.id(), () -> {
            switch (verb) {
                case "Load" -> client.load(selected);
                case "Unload" -> client.unload(selected);
                case "Replace" -> client.replaceWith(selected);
                default -> client.clearQuarantine(selected);
            }
            return selected.id();
        }, () -> refresh(selected.id()), id -> table.say(verb + ": done for " + id));
    }

    private void delete() {
        ModuleInfo selected = table.selected("a module");
        ModulesClient client = selected == null ? null : connected();
        if (client == null) {
            return;
        }
        if (!MessageDialog.openConfirm(table.table().getShell(), "Delete module",
                "Delete " + selected.id() + " from the server's module store?")) {
            return;
        }
        change("Delete module " + selected.id(), () -> {
            client.delete(selected);
            return selected.id();
        }, this::refresh, id -> table.say("Deleted " + id));
    }

    /** The client, or null after saying why there is none. */
    private ModulesClient connected() {
        return table.required(services.current(), ModulesClient.NOT_CONNECTED);
    }
}
