package org.deskplane.layers.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import org.deskplane.client.ServerConnection;
import org.deskplane.client.ServerRest;
import org.deskplane.workbench.testing.Dialogs;
import org.deskplane.workbench.testing.RemoteSignIn;
import org.deskplane.workbench.testing.RunningWorkbench;
import org.deskplane.workbench.testing.Widgets;
import org.deskplane.workbench.testing.WorkbenchModel;
import org.eclipse.e4.ui.internal.workbench.E4Workbench;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The workbench logs in as admin to the real server product (its layers store, sync service and REST routes) and
 * the Desktop images part shows what a CVD's owner made there through REST, as two endpoints would: a Linux QEMU
 * endpoint (the CVD's reference: scope FULL, the q35 driver set) that became master by its user's activity and
 * published user files and applications with its token, and a Windows endpoint (scope USER_ONLY) that published a
 * second version of the user files and reported a conflict copy. The part lists the CVD and its versions, "Diff with
 * previous" shows the added, removed and changed paths, "Restore…" (confirmed) makes a RESTORE version on the
 * server, and the endpoints table shows scope, drivers, the master marker and the conflict. An error dialog of the
 * workbench fails the test at once. Screenshots land in {@code target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DesktopImagesPartTest {

    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Duration DATA = LayersServer.DATA;
    private static final String PART = "org.deskplane.layers.ui.part.images";
    private static final String WIDGET_KEY = "org.deskplane.layers.ui.widget";
    /** Fresh names each run: the server's data directory outlives a run, and CVDs and endpoints stay there. */
    private static final String RUN = Long.toString(Instant.now().getEpochSecond());
    private static final String OWNER = "ui-layers-" + RUN;
    private static final String OWNER_PASSWORD = "owner-password-" + RUN;
    private static final String CVD = "ui-desktop-" + RUN;
    private static final String LINUX = "ui-linux-" + RUN;
    private static final String WINDOWS = "ui-windows-" + RUN;
    private static final String CONFLICT_COPY = "Documents/notes (conflict from " + LINUX + ").txt";

    private static LayersServer server;
    private static RunningWorkbench workbench;
    /** The fencing token the Linux endpoint got as master. */
    private static long token;

    @BeforeAll
    static void start() throws Exception {
        server = LayersServer.start();
        makeTheCvd();
        workbench = RemoteSignIn.start(LayersServer.url(), LayersServer.user(), LayersServer.password(),
                server.fingerprint(), STARTUP);
    }

    /** As admin: the owner and the CVD; as the owner: two endpoints, two versions and their statuses. */
    private static void makeTheCvd() throws Exception {
        server.rest().send("POST", "/users", Map.of("username", OWNER, "password", OWNER_PASSWORD, "role", "USER"));
        server.rest().send("POST", "/layers/cvds", Map.of("id", CVD, "owner", OWNER));
        try (ServerConnection owner = server.login(OWNER, OWNER_PASSWORD)) {
            OwnerEndpoint linux = new OwnerEndpoint(owner.rest(), LINUX, CVD);
            OwnerEndpoint windows = new OwnerEndpoint(owner.rest(), WINDOWS, CVD);
            JsonNode linuxBinding = linux.register("linux", "debian-13", Map.of("dmi.sys_vendor", "Example Computers",
                    "dmi.product_name", "Standard PC (Q35 + ICH9, 2009)"));
            assertEquals("FULL", linuxBinding.path("scope").asText(), "the first endpoint is the reference: "
                    + linuxBinding);
            JsonNode windowsBinding = windows.register("windows", "windows-11", Map.of());
            assertEquals("USER_ONLY", windowsBinding.path("scope").asText(), "another OS family: " + windowsBinding);

            JsonNode master = linux.reportActivity();
            assertEquals(LINUX, master.path("master").asText(), "the first active endpoint is master: " + master);
            token = master.path("token").asLong();
            assertTrue(token > 0, master.toString());
            JsonNode steady = linux.pulled(token);
            assertEquals("STEADY", steady.path("phase").asText(), "the new master pulled the head: " + steady);

            JsonNode first = linux.publish(0, token, Map.of(
                    "USER_FILES", files("Documents/notes.txt", "first notes\n", "Documents/todo.txt", "buy milk\n"),
                    "APPLICATIONS", files("opt/editor/editor.conf", "theme = dark\n")), "first upload");
            assertEquals(1, first.path("number").asLong(), first.toString());
            // the Windows endpoint is no master: user files only, based on version 1
            JsonNode second = windows.publish(1, 0, Map.of("USER_FILES", files("Documents/notes.txt",
                    "second notes\n", "Pictures/holiday.png", "not really a picture\n")), "edited on windows");
            assertEquals(2, second.path("number").asLong(), second.toString());

            linux.reportStatus(Map.of("APPLICATIONS", 1L, "USER_FILES", 2L), List.of(), "");
            windows.reportStatus(Map.of("USER_FILES", 2L), List.of(CONFLICT_COPY), "");
        }
    }

    private static Map<String, String> files(String... pathsAndContents) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            files.put(pathsAndContents[i], pathsAndContents[i + 1]);
        }
        return files;
    }

    @AfterAll
    static void stop() throws Exception {
        RemoteSignIn.stop(workbench);
        if (server != null) {
            server.close();
        }
    }

    /** A part that answers every call with an error dialog must not pass: any error dialog is a failure. */
    @AfterEach
    void noErrorDialog() {
        failOnErrorDialog();
        noDialogLeftOpen();
    }

    /** Every dialog the test opened was closed: a shell still open is a dialog nobody expected (e.g. "Internal Error"). */
    private static void noDialogLeftOpen() {
        List<String> open = ui(wb -> {
            Shell window = (Shell) WorkbenchModel.window(wb.getApplication()).getWidget();
            return java.util.Arrays.stream(Display.getCurrent().getShells())
                    .filter(shell -> shell != window && shell.isVisible())
                    .map(shell -> shell.getText() + ": " + Dialogs.labels(shell)).toList();
        });
        if (!open.isEmpty()) {
            ui(wb -> {
                Shell window = (Shell) WorkbenchModel.window(wb.getApplication()).getWidget();
                for (Shell shell : Display.getCurrent().getShells()) {
                    if (shell != window) {
                        shell.close();
                    }
                }
                return null;
            });
            throw new AssertionError("dialogs left open: " + open);
        }
    }

    @Test
    @Order(1)
    void theCvdItsVersionsAndADiffWithThePreviousVersionAreShown() throws Exception {
        activate();
        List<String> cvd = awaitRow("cvds", "the CVD", r -> r.get(0).equals(CVD));
        assertEquals(OWNER, cvd.get(1), "owner column: " + cvd);
        assertEquals("2", cvd.get(2), "head column: " + cvd);

        select("cvds", CVD);
        List<String> v1 = awaitRow("versions", "version 1", r -> r.get(0).equals("1"));
        List<String> v2 = awaitRow("versions", "version 2", r -> r.get(0).equals("2"));
        // columns: version, kind, parent, created, endpoint, token, layers, note
        assertEquals(List.of("UPLOAD", "0", LINUX, Long.toString(token), "APPLICATIONS, USER_FILES", "first upload"),
                List.of(v1.get(1), v1.get(2), v1.get(4), v1.get(5), v1.get(6), v1.get(7)), "version 1: " + v1);
        assertEquals(List.of("UPLOAD", "1", WINDOWS, "0", "APPLICATIONS, USER_FILES", "edited on windows"),
                List.of(v2.get(1), v2.get(2), v2.get(4), v2.get(5), v2.get(6), v2.get(7)),
                "version 2 inherits the applications of version 1: " + v2);
        WorkbenchModel.screenshot(workbench, "layers-versions");

        String diff = diffOf("2", "1");
        assertTrue(diff.contains("USER_FILES: 1 added, 1 removed, 1 changed"), diff);
        assertTrue(diff.contains("+ Pictures/holiday.png"), diff);
        assertTrue(diff.contains("- Documents/todo.txt"), diff);
        assertTrue(diff.contains("~ Documents/notes.txt"), diff);
        assertTrue(diff.contains("APPLICATIONS: 0 added, 0 removed, 0 changed"), "inherited, unchanged: " + diff);

        String firstDiff = diffOf("1", "0");
        assertTrue(firstDiff.contains("+ opt/editor/editor.conf"), firstDiff);
        assertTrue(firstDiff.contains("USER_FILES: 2 added, 0 removed, 0 changed"), firstDiff);
    }

    @Test
    @Order(2)
    void theEndpointsShowScopeDriversMasterAndTheConflict() throws Exception {
        activate();
        select("cvds", CVD);
        // columns: endpoint, role, scope, drivers, rule, sync, conflicts, reported, last error
        List<String> linux = awaitRow("endpoints", "the Linux endpoint with its status",
                r -> r.get(0).equals(LINUX) && !r.get(7).equals("no report yet"));
        assertEquals("master (token " + token + ")", linux.get(1), "master marker: " + linux);
        assertEquals("FULL", linux.get(2), "scope: " + linux);
        assertEquals("drivers/qemu-q35", linux.get(3), "driver set: " + linux);
        assertEquals("reference-endpoint+qemu-q35", linux.get(4), "rules: " + linux);
        assertEquals("APPLICATIONS=1, USER_FILES=2", linux.get(5), "applied: " + linux);
        assertEquals("0", linux.get(6), "conflicts: " + linux);

        List<String> windows = awaitRow("endpoints", "the Windows endpoint with its status",
                r -> r.get(0).equals(WINDOWS) && !r.get(7).equals("no report yet"));
        assertEquals("", windows.get(1), "no master marker: " + windows);
        assertEquals("USER_ONLY", windows.get(2), "scope: " + windows);
        assertEquals("", windows.get(3), "no drivers outside FULL scope: " + windows);
        assertEquals("other-os-family", windows.get(4), "rule: " + windows);
        assertEquals("USER_FILES=2", windows.get(5), "applied: " + windows);
        assertEquals("1", windows.get(6), "conflicts: " + windows);

        String masterLine = ui(wb -> ((Label) widget("master")).getText());
        assertTrue(masterLine.startsWith("Master: " + LINUX + " (token " + token + ","), masterLine);
        WorkbenchModel.screenshot(workbench, "layers-endpoints");

        // a double click on the endpoint lists its conflict copies
        select("endpoints", WINDOWS);
        String title = "Conflict copies on " + WINDOWS;
        ui(wb -> {
            Table table = table("endpoints");
            Display.getCurrent().asyncExec(() -> table.notifyListeners(SWT.MouseDoubleClick, new Event()));
            return null;
        });
        Shell conflicts = workbench.await("dialog " + title, DATA, wb -> visible(title));
        String shown = ui(wb -> ((Text) Widgets.byId(conflicts, WIDGET_KEY, "text")).getText());
        close(conflicts);
        assertEquals(CONFLICT_COPY, shown);
    }

    @Test
    @Order(3)
    void restoreAfterConfirmingPublishesTheOldVersionAgain() throws Exception {
        activate();
        select("cvds", CVD);
        awaitRow("versions", "version 1", r -> r.get(0).equals("1"));
        select("versions", "first upload");
        // Cancel restores nothing: after OK below the server holds exactly one restored version
        Shell cancelled = Dialogs.openBy(workbench, DATA, wb -> widget("restore"), "Restore version");
        press(cancelled, "Cancel");
        awaitClosed(cancelled);
        Shell confirm = Dialogs.openBy(workbench, DATA, wb -> widget("restore"), "Restore version");
        String question = ui(wb -> Dialogs.labels(confirm));
        assertTrue(question.contains("Publish version 1 of " + CVD + " again"), question);
        press(confirm, "OK");
        awaitClosed(confirm);

        List<String> v3 = awaitRow("versions", "the restored version", r -> r.get(0).equals("3"));
        assertEquals(List.of("RESTORE", "2", "restored from the workbench"), List.of(v3.get(1), v3.get(2), v3.get(7)),
                "version 3: " + v3);
        awaitRow("cvds", "the new head", r -> r.get(0).equals(CVD) && r.get(2).equals("3"));
        // the part says what the restore did, and the next readings of the server keep saying it
        String said = CVD + " at version 3 \u2014 Restored version 1 as version 3";
        workbench.await("the status line: " + said, DATA, wb -> ((Label) widget("status")).getText().endsWith(said)
                ? Boolean.TRUE : null);
        WorkbenchModel.screenshot(workbench, "layers-restored");

        // the server holds it: a RESTORE version with exactly the layers of version 1
        JsonNode versions = server.rest().get("/layers/cvds/" + ServerRest.segment(CVD) + "/versions");
        assertEquals(3, versions.size(), "one restore (not the cancelled one): " + versions);
        JsonNode restored = versions.get(2);
        assertEquals("RESTORE", restored.path("kind").asText(), restored.toString());
        assertEquals(3, restored.path("number").asLong(), restored.toString());
        assertEquals(versions.get(0).path("layers"), restored.path("layers"), "the layers of version 1: " + versions);
        assertEquals(3, server.rest().get("/layers/cvds/" + ServerRest.segment(CVD)).path("cvd").path("head").asLong());

        // and its diff with the previous version undoes version 2's changes
        String diff = diffOf("3", "2");
        assertTrue(diff.contains("+ Documents/todo.txt"), diff);
        assertTrue(diff.contains("- Pictures/holiday.png"), diff);
        assertTrue(diff.contains("~ Documents/notes.txt"), diff);
    }

    /** Selects the version, presses Diff with previous and returns the dialog's text. */
    private static String diffOf(String version, String parent) throws InterruptedException {
        select("versions", version, 0);
        Shell dialog = Dialogs.openBy(workbench, DATA, wb -> widget("diff"),
                CVD + ": version " + version + " against " + parent);
        String text = ui(wb -> ((Text) Widgets.byId(dialog, WIDGET_KEY, "text")).getText());
        WorkbenchModel.screenshot(workbench, "layers-diff-" + version);
        close(dialog);
        assertTrue(text.startsWith("From version " + parent + " to version " + version), text);
        return text;
    }

    /**
     * {@link RunningWorkbench#ui} passes a RuntimeException of the UI thread on to the caller, but not an Error: an
     * AssertionError thrown there would only be logged by the workbench (an "Internal Error" dialog) and the test
     * would go on. Every UI call of this test goes through here.
     */
    private static <T> T ui(Function<E4Workbench, T> action) {
        try {
            return workbench.ui(wb -> {
                try {
                    return action.apply(wb);
                } catch (AssertionError e) {
                    throw new FailedOnUiThread(e);
                }
            });
        } catch (FailedOnUiThread e) {
            throw (AssertionError) e.getCause();
        }
    }

    private static final class FailedOnUiThread extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FailedOnUiThread(AssertionError cause) {
            super(cause);
        }
    }

    /** Presses the button of {@code shell} whose label (mnemonic marks left out) is {@code label}. */
    private static void press(Shell shell, String label) {
        ui(wb -> {
            Button button = button(shell, label);
            if (button == null) {
                throw new AssertionError("no button " + label + " in " + shell.getText());
            }
            button.notifyListeners(SWT.Selection, new Event());
            return null;
        });
    }

    private static Button button(Composite parent, String label) {
        for (Control child : parent.getChildren()) {
            if (child instanceof Button b && b.getText().replace("&", "").equals(label)) {
                return b;
            }
            if (child instanceof Composite composite) {
                Button found = button(composite, label);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** Presses Close and waits until the dialog has gone (a dialog left open would stack up under the next one). */
    private static void close(Shell dialog) throws InterruptedException {
        press(dialog, "Close");
        awaitClosed(dialog);
    }

    private static void awaitClosed(Shell dialog) throws InterruptedException {
        String title = ui(wb -> dialog.isDisposed() ? "the dialog" : dialog.getText());
        workbench.await("closing " + title, DATA, wb -> dialog.isDisposed() || !dialog.isVisible() ? Boolean.TRUE : null);
    }

    /**
     * Fails with the dialog's words when the workbench shows an error dialog: the part's (titled "… failed") or the
     * workbench's for an exception nobody caught.
     */
    private static void failOnErrorDialog() {
        String error = ui(wb -> {
            for (Shell shell : Display.getCurrent().getShells()) {
                String title = shell.getText();
                if (shell.isVisible() && (title.endsWith(" failed") || title.equals("Error")
                        || title.equals("Internal Error"))) {
                    return shell.getText() + ": " + Dialogs.labels(shell);
                }
            }
            return null;
        });
        if (error != null) {
            Dialogs.close(workbench, error.substring(0, error.indexOf(": ")));
            throw new AssertionError("the workbench showed an error dialog: " + error);
        }
    }

    private static Shell visible(String title) {
        for (Shell shell : Display.getCurrent().getShells()) {
            if (shell.isVisible() && shell.getText().equals(title)) {
                return shell;
            }
        }
        return null;
    }

    /** Shows the part; the window's context first, since a closed dialog leaves no active part service behind. */
    private static void activate() {
        ui(wb -> {
            WorkbenchModel.window(wb.getApplication()).getContext().activate();
            return null;
        });
        WorkbenchModel.activate(workbench, PART);
    }

    private static MPart part() {
        return WorkbenchModel.part(ui(wb -> wb.getApplication()), PART);
    }

    /** A control of the part by its id (call on the UI thread). */
    private static Control widget(String id) {
        return Widgets.byId((Composite) part().getWidget(), WIDGET_KEY, id);
    }

    private static Table table(String name) {
        return WorkbenchModel.findTable((Composite) part().getWidget(), name);
    }

    /** Waits until a row of the table satisfies the check, failing at once on an error dialog; returns the row. */
    private static List<String> awaitRow(String table, String what, Predicate<List<String>> check)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(DATA);
        while (Instant.now().isBefore(deadline)) {
            failOnErrorDialog();
            List<String> row = ui(wb -> WorkbenchModel.tableRows(WorkbenchModel.part(wb.getApplication(),
                    PART), table).stream().filter(check).findFirst().orElse(null));
            if (row != null) {
                return row;
            }
            Thread.sleep(100); // polling with a deadline: the part reads the server off the UI thread
        }
        throw new AssertionError("timed out after " + DATA + " waiting for " + what + " in " + table + ": "
                + ui(wb -> WorkbenchModel.tableRows(WorkbenchModel.part(wb.getApplication(), PART), table)));
    }

    /** Selects the first row any of whose cells contains {@code text}, as a click would. */
    private static void select(String table, String text) {
        select(table, text, -1);
    }

    /** Selects the first row whose cell {@code column} equals {@code text} (any cell containing it when -1). */
    private static void select(String table, String text, int column) {
        ui(wb -> {
            Table t = table(table);
            for (int i = 0; i < t.getItemCount(); i++) {
                for (int c = 0; c < t.getColumnCount(); c++) {
                    String cell = t.getItem(i).getText(c);
                    if (column < 0 ? cell.contains(text) : c == column && cell.equals(text)) {
                        t.setSelection(i);
                        Event event = new Event();
                        event.item = t.getItem(i);
                        t.notifyListeners(SWT.Selection, event);
                        return null;
                    }
                }
            }
            throw new AssertionError("no row with " + text + " in " + table + ": "
                    + WorkbenchModel.tableRows(part(), table));
        });
    }
}
