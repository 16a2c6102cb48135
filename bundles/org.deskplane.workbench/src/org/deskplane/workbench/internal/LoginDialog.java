package org.deskplane.workbench.internal;

import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;

import org.deskplane.client.ServerCertificate;
import org.deskplane.client.ServerConnection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/**
 * Lets the user choose between running the service bundles locally (embedded mode) and a remote server. For a
 * server it asks for URL, user and password, shows the server certificate's SHA-256 fingerprint and lets the
 * user trust it. Network calls run on a background thread; the dialog keeps painting meanwhile.
 */
final class LoginDialog {

    private final Display display;
    private final ServerLogin login;
    private final AtomicReference<LoginChoice> result = new AtomicReference<>();
    private Shell shell;
    private Button embedded;
    private Button remote;
    private Text url;
    private Text user;
    private Text password;
    private Text fingerprint;
    private Button trust;
    private Label message;
    private Button connect;
    private ServerCertificate shownCertificate;

    LoginDialog(Display display, ServerLogin login) {
        this.display = display;
        this.login = login;
    }

    /**
     * Blocks (running the event loop) until the user is logged in or chose embedded mode; null when given up.
     */
    LoginChoice open(String initialUrl, String initialUser, String initialMessage) {
        shell = new Shell(display, SWT.DIALOG_TRIM | SWT.APPLICATION_MODAL);
        shell.setText("Deskplane — log in");
        shell.setLayout(new GridLayout(2, false));
        new Label(shell, SWT.NONE).setText("Work on:");
        Composite modes = new Composite(shell, SWT.NONE);
        modes.setLayout(new GridLayout(2, false));
        embedded = new Button(modes, SWT.RADIO);
        embedded.setText("Local (embedded)");
        embedded.setToolTipText("Run Deskplane's services inside this workbench, with their data in "
                + "~/.deskplane/embedded (or -Ddeskplane.data); no server, no password");
        remote = new Button(modes, SWT.RADIO);
        remote.setText("Remote server");
        remote.setSelection(true);
        url = field("Server URL:", initialUrl == null ? "https://localhost:8443" : initialUrl, SWT.BORDER);
        user = field("User:", initialUser == null ? "admin" : initialUser, SWT.BORDER);
        password = field("Password:", "", SWT.BORDER | SWT.PASSWORD);
        fingerprint = field("Certificate (SHA-256):", "not checked yet", SWT.BORDER | SWT.READ_ONLY | SWT.WRAP);
        new Label(shell, SWT.NONE);
        trust = new Button(shell, SWT.CHECK);
        trust.setText("I compared this fingerprint with the server's: trust this certificate");
        trust.setEnabled(false);
        message = new Label(shell, SWT.WRAP);
        message.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
        message.setText(initialMessage == null ? "" : initialMessage);
        Label buttons = new Label(shell, SWT.NONE);
        buttons.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        connect = new Button(shell, SWT.PUSH);
        connect.setText("Log in");
        connect.addListener(SWT.Selection, e -> connect());
        shell.setDefaultButton(connect);
        url.addListener(SWT.Modify, e -> forgetCertificate());
        remote.addListener(SWT.Selection, e -> modeChanged());
        embedded.addListener(SWT.Selection, e -> modeChanged());
        shell.setSize(680, 340);
        shell.open();
        password.setFocus();
        while (!shell.isDisposed()) {
            if (!display.readAndDispatch()) {
                display.sleep();
            }
        }
        return result.get();
    }

    private Text field(String label, String value, int style) {
        new Label(shell, SWT.NONE).setText(label);
        Text text = new Text(shell, style);
        text.setText(value);
        text.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        return text;
    }

    /** Embedded mode needs none of the server fields. */
    private void modeChanged() {
        boolean toServer = remote.getSelection();
        for (Text field : new Text[] { url, user, password }) {
            field.setEnabled(toServer);
        }
        trust.setEnabled(toServer && shownCertificate != null);
        connect.setText(toServer ? "Log in" : "Start");
        shell.layout(true, true);
    }

    private void forgetCertificate() {
        shownCertificate = null;
        fingerprint.setText("not checked yet");
        trust.setSelection(false);
        trust.setEnabled(false);
    }

    private void connect() {
        if (embedded.getSelection()) {
            result.set(LoginChoice.embeddedMode());
            shell.dispose();
            return;
        }
        URI server;
        try {
            server = URI.create(url.getText().trim());
        } catch (IllegalArgumentException e) {
            message.setText("Not a URL: " + e.getMessage());
            return;
        }
        boolean trustShown = trust.getSelection() && shownCertificate != null;
        LoginRequest request = new LoginRequest(server, user.getText().trim(), password.getText().toCharArray(),
                trustShown ? shownCertificate.sha256Fingerprint() : null, false);
        ServerCertificate toRemember = trustShown ? shownCertificate : null;
        busy("Connecting to " + server + " …");
        Thread worker = new Thread(() -> attempt(request, toRemember), "deskplane-login");
        worker.setDaemon(true);
        worker.start();
    }

    /** Runs on the background thread. */
    private void attempt(LoginRequest request, ServerCertificate toRemember) {
        try {
            ServerConnection connection = login.login(request);
            if (toRemember != null) {
                login.rememberTrust(request, toRemember.sha256Fingerprint());
            }
            result.set(LoginChoice.remote(connection));
            ui(() -> shell.dispose());
        } catch (org.deskplane.client.UntrustedCertificateException e) {
            ui(() -> {
                shownCertificate = e.certificate();
                fingerprint.setText(e.certificate() == null ? "unreadable" : e.certificate().sha256Fingerprint());
                trust.setEnabled(e.certificate() != null);
                done("The server's certificate is not trusted yet. Compare the fingerprint above with the one "
                        + "the server printed (or its administrator gave you), tick the box and log in again.");
            });
        } catch (Exception e) {
            ui(() -> done(ErrorMessages.of(e)));
        }
    }

    private void busy(String text) {
        message.setText(text);
        connect.setEnabled(false);
    }

    private void done(String text) {
        message.setText(text);
        connect.setEnabled(true);
        shell.layout(true, true);
    }

    private void ui(Runnable action) {
        display.asyncExec(() -> {
            if (!shell.isDisposed()) {
                action.run();
            }
        });
    }
}
