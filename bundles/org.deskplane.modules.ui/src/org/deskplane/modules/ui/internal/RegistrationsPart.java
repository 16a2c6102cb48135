package org.deskplane.modules.ui.internal;

import static org.deskplane.modules.ui.internal.ModuleWidgets.WIDGETS;

import java.util.List;

import org.deskplane.client.ServerConnection;
import org.deskplane.modules.api.Registration;
import org.deskplane.workbench.platform.ui.support.RefreshingPart;
import org.deskplane.workbench.platform.ui.support.ServiceClient;
import org.deskplane.workbench.platform.ui.support.TableSection;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import jakarta.annotation.PostConstruct;

/** Which modules are loaded before a VM image's VMs start: per image (or all), with Add… and Remove. */
public class RegistrationsPart extends RefreshingPart {

    private ServiceClient<ServerConnection, ModulesClient> services;
    private TableSection<Registration> table;
    private Text image;

    @PostConstruct
    void create(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        table = new TableSection<>(parent, WIDGETS, Registration.class, "registrations", 5, "status",
                r -> List.of(r.image(), r.symbolicName(), r.version()));
        Composite filter = table.row();
        new Label(filter, SWT.NONE).setText("VM image:");
        image = focusOn(new Text(filter, SWT.BORDER));
        image.setMessage("all images");
        image.setData(WIDGETS.key(), "image");
        image.setLayoutData(new GridData(240, SWT.DEFAULT));
        image.addListener(SWT.DefaultSelection, e -> refresh());
        WIDGETS.button(filter, "refresh", "Show", "Show the registrations of this image (empty: all)", this::refresh);
        WIDGETS.button(filter, "add", "Add\u2026", "Register a stored module for an image", this::add);
        WIDGETS.button(filter, "remove", "Remove", "Remove the selected registration", this::remove);
        table.column("Image", 220, SWT.LEFT, Registration::image)
                .column("Module", 220, SWT.LEFT, Registration::symbolicName)
                .column("Version", 110, SWT.LEFT, Registration::version)
                .column("Registered by", 120, SWT.LEFT, Registration::registeredBy)
                .column("Time", 150, SWT.LEFT, r -> Texts.time(r.time()));
        services = closeOnDispose(ModulesClient.watch(() -> ui(this::refresh)));
        refresh();
    }

    @Override
    protected void refresh() {
        ModulesClient client = table.connected(services.current(), ModulesClient.NOT_CONNECTED);
        if (client != null) {
            String filter = image.getText().strip();
            table.load(runner(), "the module registrations", () -> client.registrations(filter), null,
                    registrations -> table.say(registrations.size() + " registration(s)"
                            + (filter.isEmpty() ? " of all images" : " of image " + filter)));
        }
    }

    private void add() {
        ModulesClient client = connected();
        if (client == null) {
            return;
        }
        RegistrationDialog dialog = new RegistrationDialog(table.table().getShell(), image.getText().strip(), "");
        if (dialog.open() != Window.OK) {
            return;
        }
        String[] r = dialog.result();
        change("Register " + r[1] + "/" + r[2] + " for " + r[0], () -> client.register(r[0], r[1], r[2]),
                this::refresh, registration -> table.say("Registered " + registration.symbolicName() + "/"
                + registration.version() + " for " + registration.image()));
    }

    private void remove() {
        Registration selected = table.selected("a registration");
        ModulesClient client = selected == null ? null : connected();
        if (client == null) {
            return;
        }
        String what = selected.symbolicName() + "/" + selected.version() + " for " + selected.image();
        if (!MessageDialog.openConfirm(table.table().getShell(), "Remove module registration",
                "Stop loading " + what + " before its VMs start?")) {
            return;
        }
        change("Remove registration of " + what, () -> {
            client.unregister(selected);
            return what;
        }, this::refresh, done -> table.say("Removed " + done));
    }

    /** The client, or null after saying why there is none. */
    private ModulesClient connected() {
        return table.required(services.current(), ModulesClient.NOT_CONNECTED);
    }
}
