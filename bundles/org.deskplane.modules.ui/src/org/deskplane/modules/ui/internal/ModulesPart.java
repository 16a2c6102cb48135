package org.deskplane.modules.ui.internal;

import static org.deskplane.modules.ui.internal.ModuleWidgets.WIDGETS;

import java.util.List;

import org.deskplane.client.ServerConnection;
import org.deskplane.modules.api.ModuleInfo;
import org.deskplane.modules.api.ModuleState;
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

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * The server's module store: every module with its state, signer and size, and the message of a failed or
 * quarantined one. Upload…, Load, Unload, Replace loaded, Delete and Clear quarantine go to the server off the UI thread; a refusal
 * (an unsigned jar is 422 UNSIGNED, a loaded module cannot be deleted: 409 CONFLICT …) ends in an error dialog with
 * the server's words, and the table is read again after every change.
 */
public class ModulesPart {

    @Inject
    private OperationRunner runner;
    @Inject
    private Display display;

    private ServiceClient<ServerConnection, ModulesClient> services;
    private TableViewer table;
    private Label status;

    @PostConstruct
    void create(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        Composite buttons = Widgets.row(parent, 7);
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
        table = WIDGETS.table(parent, "modules");
        Widgets.column(table, ModuleInfo.class, "Name", 220, SWT.LEFT, ModuleInfo::symbolicName);
        Widgets.column(table, ModuleInfo.class, "Version", 110, SWT.LEFT, ModuleInfo::version);
        Widgets.column(table, ModuleInfo.class, "State", 120, SWT.LEFT,
                m -> m.state() == null ? "?" : m.state().name());
        Widgets.column(table, ModuleInfo.class, "Signer", 220, SWT.LEFT, ModuleInfo::signer);
        Widgets.column(table, ModuleInfo.class, "Size", 80, SWT.RIGHT, m -> Texts.bytes(m.size()));
        Widgets.column(table, ModuleInfo.class, "Message", 260, SWT.LEFT, ModuleInfo::message);
        Widgets.column(table, ModuleInfo.class, "Stored", 150, SWT.LEFT, m -> Texts.time(m.storedAt()));
        Widgets.column(table, ModuleInfo.class, "SHA-256", 150, SWT.LEFT, m -> Texts.shortHex(m.sha256()));
        status = WIDGETS.label(parent, "status");

        services = ModulesClient.watch(() -> ui(this::refresh));
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
        ModulesClient client = services.current();
        if (client == null) {
            table.setInput(List.of());
            status.setText(ModulesClient.NOT_CONNECTED);
            return;
        }
        status.setText("Reading the modules \u2026");
        runner.run("Read the modules", client::modules, modules -> {
            if (table.getTable().isDisposed()) {
                return;
            }
            table.setInput(modules);
            modules.stream().filter(m -> m.id().equals(select)).findFirst()
                    .ifPresent(m -> table.setSelection(new StructuredSelection(m), true));
            long loaded = modules.stream().filter(m -> m.state() == ModuleState.LOADED).count();
            long quarantined = modules.stream().filter(m -> m.state() == ModuleState.QUARANTINED).count();
            status.setText(modules.size() + " module(s), " + loaded + " loaded, " + quarantined + " quarantined");
        });
    }

    private void upload() {
        ModulesClient client = services.current();
        if (client == null) {
            status.setText(ModulesClient.NOT_CONNECTED);
            return;
        }
        UploadDialog dialog = new UploadDialog(table.getTable().getShell());
        if (dialog.open() != Window.OK) {
            return;
        }
        String name = dialog.jar().getFileName().toString();
        status.setText("Uploading " + name + " \u2026");
        runner.run("Upload module " + name, () -> {
            try {
                return client.upload(dialog.jar(), dialog.loadAfterUpload());
            } finally {
                ui(this::refresh);
            }
        }, stored -> {
            refresh(stored.id());
            status.setText("Uploaded " + stored.id() + " (" + stored.state() + ")");
        });
    }

    /** Load, Unload and Clear quarantine: one call on the selected module, then the table is read again. */
    private void act(String verb) {
        ModuleInfo selected = selected();
        ModulesClient client = services.current();
        if (selected == null || client == null) {
            status.setText(selected == null ? "Select a module first." : ModulesClient.NOT_CONNECTED);
            return;
        }
        status.setText(verb + " " + selected.id() + " \u2026");
        runner.run(verb + " module " + selected.id(), () -> {
            try {
                switch (verb) {
                    case "Load" -> client.load(selected);
                    case "Unload" -> client.unload(selected);
                    case "Replace" -> client.replaceWith(selected);
                    default -> client.clearQuarantine(selected);
                }
                return selected.id();
            } finally {
                ui(() -> refresh(selected.id()));
            }
        }, id -> status.setText(verb + ": done for " + id));
    }

    private void delete() {
        ModuleInfo selected = selected();
        ModulesClient client = services.current();
        if (selected == null || client == null) {
            status.setText(selected == null ? "Select a module first." : ModulesClient.NOT_CONNECTED);
            return;
        }
        if (!MessageDialog.openConfirm(table.getTable().getShell(), "Delete module",
                "Delete " + selected.id() + " from the server's module store?")) {
            return;
        }
        runner.run("Delete module " + selected.id(), () -> {
            try {
                client.delete(selected);
                return selected.id();
            } finally {
                ui(this::refresh);
            }
        }, id -> status.setText("Deleted " + id));
    }

    private ModuleInfo selected() {
        return table.getStructuredSelection().getFirstElement() instanceof ModuleInfo module ? module : null;
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
