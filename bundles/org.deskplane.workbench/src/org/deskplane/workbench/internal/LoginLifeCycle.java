package org.deskplane.workbench.internal;

import java.util.Optional;

import org.deskplane.client.ServerConnection;
import org.deskplane.workbench.OperationRunner;
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
 * Logs in before the workbench window opens: automatically from system properties (see
 * {@link AutomaticLogin}) or through the {@link LoginDialog}. After login, the connection's services are
 * published as OSGi services (remote mode) so that parts find them like embedded ones. If the user gives
 * up, the workbench closes as soon as it has started.
 */
public class LoginLifeCycle {

    private ServerConnection connection;
    private RemoteServiceRegistration registration;
    private BackgroundOperationRunner runner;

    @PostContextCreate
    void login(IEclipseContext context, Display display, IEventBroker broker) {
        runner = new BackgroundOperationRunner(display);
        context.set(OperationRunner.class, runner);
        ServerLogin login = new ServerLogin(TrustedCertificates.inUserHome());
        connection = automaticLogin(login).orElseGet(() -> dialogLogin(display, login, null));
        if (connection == null) {
            broker.subscribe(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE,
                    event -> context.get(IWorkbench.class).close());
            return;
        }
        registration = new RemoteServiceRegistration(
                FrameworkUtil.getBundle(LoginLifeCycle.class).getBundleContext(), connection);
        context.set(ServerConnection.class, connection);
        broker.subscribe(UIEvents.UILifeCycle.APP_SHUTDOWN_STARTED, event -> shutDown());
    }

    @ProcessAdditions
    void nameWindow(MApplication application) {
        if (connection != null) {
            String who = connection.session().username() + " (" + connection.session().role() + ") @ "
                    + connection.baseUrl();
            for (MWindow window : application.getChildren()) {
                window.setLabel("Deskplane Workbench — " + who);
            }
        }
    }

    private Optional<ServerConnection> automaticLogin(ServerLogin login) {
        Optional<LoginRequest> request = AutomaticLogin.fromEnvironment();
        if (request.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(login.login(request.get()));
        } catch (Exception e) {
            // automation must see why; a person at the screen gets the dialog with the same message
            System.err.println("Deskplane: automatic login to " + request.get().serverUrl() + " failed: "
                    + ErrorMessages.of(e));
            return Optional.ofNullable(dialogLogin(Display.getCurrent(), login, request.get(),
                    "Automatic login failed: " + ErrorMessages.of(e)));
        }
    }

    private static ServerConnection dialogLogin(Display display, ServerLogin login, LoginRequest preset) {
        return dialogLogin(display, login, preset, null);
    }

    private static ServerConnection dialogLogin(Display display, ServerLogin login, LoginRequest preset,
            String message) {
        String url = preset != null ? preset.serverUrl().toString() : System.getProperty(AutomaticLogin.URL);
        String user = preset != null ? preset.username() : System.getProperty(AutomaticLogin.USER);
        return new LoginDialog(display, login).open(url, user, message);
    }

    private void shutDown() {
        registration.close();
        connection.close();
        runner.close();
    }
}
