package org.deskplane.modules.ui.internal;

import static org.deskplane.modules.ui.internal.ModuleWidgets.WIDGETS;

import java.util.List;

import org.deskplane.client.ServerConnection;
import org.deskplane.modules.api.Registration;
import org.deskplane.workbench.OperationRunner;
import org.deskplane.workbench.WorkbenchTopics;
import org.deskplane.workbench.platform.ui.support.ServiceClient;
import org.deskplane.workbench.platform.ui.support.Widgets;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.window.Window;
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

/** Which modules are loaded before a VM image's VMs start: per image (or all), with Add… and Remove. */
public class RegistrationsPart {

    @Inject
    private OperationRunner runner;
    @Inject
    private Display display;

    private ServiceClient<ServerConnection, ModulesClient> services;
    private TableViewer table;
    private Text image;
    private Label status;

    @PostConstruct
    void create(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        Composite filter = Widgets.row(parent, 5);
        new Label(filter, SWT.NONE).setText("VM image:");
        image = new Text(filter, SWT.BORDER);
        image.setMessage("all images");
        image.setData(WIDGETS.key(), "image");
        image.setLayoutData(new GridData(240, SWT.DEFAULT));
        image.addListener(SWT.DefaultSelection, e -> refresh());
        WIDGETS.button(filter, "refresh", "Show", "Show the registrations of this image (empty: all)", this::refresh);
        WIDGETS.button(filter, "add", "Add\u2026", "Register a stored module for an image", this::add);
        WIDGETS.button(filter, "remove", "Remove", "Remove the selected registration", this::remove);
        table = WIDGETS.table(parent, "registrations");
        Widgets.column(table, Registration.class, "Image", 220, SWT.LEFT, Registration::image);
        Widgets.column(table, Registration.class, "Module", 220, SWT.LEFT, Registration::symbolicName);
        Widgets.column(table, Registration.class, "Version", 110, SWT.LEFT, Registration::version);
        Widgets.column(table, Registration.class, "Registered by", 120, SWT.LEFT, Registration::registeredBy);
        Widgets.column(table, Registration.class, "Time", 150, SWT.LEFT, r -> Texts.time(r.time()));
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
        image.setFocus();
    }

    @Inject
    @Optional
    void onRefresh(@UIEventTopic(WorkbenchTopics.REFRESH) Object ignored) {
        refresh();
    }

    private void refresh() {
        if (table == null || table.getTable().isDisposed()) {
            return;
        }
        ModulesClient client = services.current();
        if (client == null) {
            table.setInput(List.of());
            status.setText(ModulesClient.NOT_CONNECTED);
            return;
        }
        String filter = image.getText().strip();
        status.setText("Reading the registrations \u2026");
        runner.run("Read the module registrations", () -> client.registrations(filter), registrations -> {
            if (!table.getTable().isDisposed()) {
                table.setInput(registrations);
                status.setText(registrations.size() + " registration(s)"
                        + (filter.isEmpty() ? " of all images" : " of image " + filter));
            }
        });
    }

    private void add() {
        ModulesClient client = services.current();
        if (client == null) {
            status.setText(ModulesClient.NOT_CONNECTED);
            return;
        }
        RegistrationDialog dialog = new RegistrationDialog(table.getTable().getShell(), image.getText().strip(), "");
        if (dialog.open() != Window.OK) {
            return;
        }
        String[] r = dialog.result();
        runner.run("Register " + r[1] + "/" + r[2] + " for " + r[0], () -> {
            try {
                return client.register(r[0], r[1], r[2]);
            } finally {
                ui(this::refresh);
            }
        }, registration -> status.setText("Registered " + registration.symbolicName() + "/"
                + registration.version() + " for " + registration.image()));
    }

    private void remove() {
        ModulesClient client = services.current();
        Registration selected = table.getStructuredSelection().getFirstElement() instanceof Registration r ? r : null;
        if (selected == null || client == null) {
            status.setText(selected == null ? "Select a registration first." : ModulesClient.NOT_CONNECTED);
            return;
        }
        String what = selected.symbolicName() + "/" + selected.version() + " for " + selected.image();
        if (!MessageDialog.openConfirm(table.getTable().getShell(), "Remove module registration",
                "Stop loading " + what + " before its VMs start?")) {
            return;
        }
        runner.run("Remove registration of " + what, () -> {
            try {
                client.unregister(selected);
                return what;
            } finally {
                ui(this::refresh);
            }
        }, done -> status.setText("Removed " + done));
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
