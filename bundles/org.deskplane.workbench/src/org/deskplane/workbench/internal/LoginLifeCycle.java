package org.deskplane.workbench.internal;

import java.util.Optional;

import org.deskplane.client.ServerConnection;
import org.deskplane.workbench.OperationRunner;
import org.deskplane.workbench.WorkbenchIds;
import org.deskplane.workbench.WorkbenchTopics;
import org.deskplane.workbench.internal.embedded.EmbeddedRuntime;
import org.deskplane.workbench.internal.embedded.EmbeddedStartException;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.e4.ui.workbench.lifecycle.PostContextCreate;
import org.eclipse.e4.ui.workbench.lifecycle.ProcessAdditions;
import org.eclipse.swt.widgets.Display;
import org.osgi.framework.FrameworkUtil;

/**
 * Decides, before the workbench window opens, where the work happens (see {@link StartMode}):
 * <ul>
 * <li>embedded: the service bundles run in this workbench ({@link EmbeddedRuntime}); no password, the OS user
 * is the actor in the audit log;</li>
 * <li>remote: logs in to a server, automatically from system properties (see {@link AutomaticLogin}) or
 * through the {@link LoginDialog}, and publishes the connection's services as OSGi services.</li>
 * </ul>
 * Either way the parts find a {@code BundleManager} and an {@code AuditLog} in their context. If the user
 * gives up, the workbench closes as soon as it has started.
 */
public class LoginLifeCycle {

    private ServerConnection connection;
    private RemoteServiceRegistration registration;
    private EmbeddedRuntime embedded;
    private BackgroundOperationRunner runner;

    @PostContextCreate
    void login(IEclipseContext context, Display display, IEventBroker broker) {
        runner = new BackgroundOperationRunner(display);
        context.set(OperationRunner.class, runner);
        ServerLogin login = new ServerLogin(TrustedCertificates.inUserHome());
        LoginChoice choice = choose(display, login);
        if (choice != null && choice.embedded()) {
            choice = startEmbedded(display, login);
        }
        if (choice == null) {
            broker.subscribe(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE,
                    event -> context.get(IWorkbench.class).close());
            return;
        }
        if (!choice.embedded()) {
            connection = choice.connection();
            registration = new RemoteServiceRegistration(
                    FrameworkUtil.getBundle(LoginLifeCycle.class).getBundleContext(), connection);
            context.set(ServerConnection.class, connection);
            syncHypervisors();
            // a connection configured on the server later shows up on the next Refresh
            broker.subscribe(WorkbenchTopics.REFRESH, event -> syncHypervisors());
        }
        broker.subscribe(UIEvents.UILifeCycle.APP_SHUTDOWN_STARTED, event -> shutDown());
    }

    @ProcessAdditions
    void nameWindow(MApplication application) {
        String who = null;
        if (connection != null) {
            who = connection.session().username() + " (" + connection.session().role() + ") @ "
                    + connection.baseUrl();
        } else if (embedded != null) {
            who = embedded.actor() + " — embedded, data in " + embedded.dataDirectory();
        }
        if (who != null) {
            for (MWindow window : application.getChildren()) {
                window.setLabel("Deskplane Workbench — " + who);
            }
        }
    }

    /** Off the UI thread: the hypervisor connections are read from the server. */
    private void syncHypervisors() {
        RemoteServiceRegistration current = registration;
        runner.run("Read the server's hypervisor connections", () -> {
            current.syncHypervisors();
            return null;
        }, done -> {
        });
    }

    private LoginChoice choose(Display display, ServerLogin login) {
        StartMode mode;
        try {
            mode = StartMode.from(System.getProperty(WorkbenchIds.MODE_PROPERTY));
        } catch (IllegalArgumentException e) {
            System.err.println("Deskplane: " + e.getMessage());
            return dialogLogin(display, login, null, e.getMessage());
        }
        if (mode == StartMode.EMBEDDED) {
            return LoginChoice.embeddedMode();
        }
        return automaticLogin(display, login).orElseGet(() -> dialogLogin(display, login, null, null));
    }

    /** Starts the embedded services; when that fails, the dialog tells why and offers both modes again. */
    private LoginChoice startEmbedded(Display display, ServerLogin login) {
        LoginChoice choice = LoginChoice.embeddedMode();
        while (choice != null && choice.embedded()) {
            try {
                embedded = EmbeddedRuntime.start();
                return choice;
            } catch (EmbeddedStartException e) {
                System.err.println("Deskplane: embedded mode failed: " + e.getMessage());
                choice = dialogLogin(display, login, null, "Embedded mode failed: " + e.getMessage());
            }
        }
        return choice;
    }

    private Optional<LoginChoice> automaticLogin(Display display, ServerLogin login) {
        Optional<LoginRequest> request = AutomaticLogin.fromEnvironment();
        if (request.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LoginChoice.remote(login.login(request.get())));
        } catch (Exception e) {
            // automation must see why; a person at the screen gets the dialog with the same message
            System.err.println("Deskplane: automatic login to " + request.get().serverUrl() + " failed: "
                    + ErrorMessages.of(e));
            return Optional.ofNullable(dialogLogin(display, login, request.get(),
                    "Automatic login failed: " + ErrorMessages.of(e)));
        }
    }

    private static LoginChoice dialogLogin(Display display, ServerLogin login, LoginRequest preset,
            String message) {
        String url = preset != null ? preset.serverUrl().toString() : System.getProperty(AutomaticLogin.URL);
        String user = preset != null ? preset.username() : System.getProperty(AutomaticLogin.USER);
        return new LoginDialog(display, login).open(url, user, message);
    }

    private void shutDown() {
        if (registration != null) {
            registration.close();
        }
        if (connection != null) {
            connection.close();
        }
        if (embedded != null) {
            embedded.close();
        }
        runner.close();
    }
}
