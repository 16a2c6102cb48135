package org.deskplane.vmdiff.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

import org.deskplane.workbench.testing.Dialogs;
import org.deskplane.workbench.testing.RemoteSignIn;
import org.deskplane.workbench.testing.RunningWorkbench;
import org.deskplane.workbench.testing.Widgets;
import org.deskplane.workbench.testing.WorkbenchModel;
import org.eclipse.e4.ui.internal.workbench.E4Workbench;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The workbench logs in as admin to the real server product whose server copy was seeded before it started (a base
 * image and generation 1 of a suspended user VM, captured with {@code DifferenceCopy}) and which runs a VM mobility
 * host of its own on the demo's libvirt test driver. The VM mobility part lists the base and the VM with its
 * generation; "Resume on…" with the host chooser starts an operation that appears in the part with its outcome: the
 * host takes the lease, and fails clearly because it lacks the base image (a host fetches bases on request, not on a
 * resume). An error dialog of the workbench fails the test at once. Screenshots land in {@code target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VmMobilityPartTest {

    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Duration DATA = VmdiffServer.DATA;
    private static final String PART = "org.deskplane.vmdiff.ui.part.mobility";
    private static final String WIDGET_KEY = "org.deskplane.vmdiff.ui.widget";

    private static VmdiffServer server;
    private static RunningWorkbench workbench;

    @BeforeAll
    static void start() throws Exception {
        server = VmdiffServer.start();
        workbench = RemoteSignIn.start(VmdiffServer.url(), VmdiffServer.user(), VmdiffServer.password(),
                server.fingerprint(), STARTUP);
    }

    @AfterAll
    static void stop() throws Exception {
        RemoteSignIn.stop(workbench);
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void noErrorDialog() {
        failOnErrorDialog();
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
    void theSeededBaseAndTheVmWithItsGenerationAreListed() throws Exception {
        activate();
        // base columns: SHA-256, format, size (MiB)
        List<String> base = awaitRow("bases", "the seeded base image", r -> r.get(0).equals(server.baseSha()));
        assertEquals(List.of("raw", "4.0"), base.subList(1, 3), "base: " + base);
        // VM columns: VM, server generation, lease, copies, diverged, running on, under way
        List<String> vm = awaitRow("vms", "the seeded VM", r -> r.get(0).equals(VmdiffServer.VM));
        assertEquals("#1 suspended by server", vm.get(1), "the seeded generation: " + vm);
        assertEquals("free", vm.get(2), "nobody holds the lease yet: " + vm);
        assertEquals("", vm.get(4), "nothing diverged: " + vm);
        assertEquals("not running", vm.get(5), vm.toString());
        WorkbenchModel.screenshot(workbench, "vmdiff-seeded");

        JsonNode generations = server.rest().get("/vmdiff/vms/" + VmdiffServer.VM + "/generations");
        assertEquals(server.generation().contentHash(), generations.get(0).path("contentHash").asText(),
                "the server serves the generation the test captured");
    }

    @Test
    @Order(2)
    void resumeOnTheServersHostShowsTheOperationWithItsOutcome() throws Exception {
        awaitHost();
        activate();
        awaitRow("vms", "the seeded VM", r -> r.get(0).equals(VmdiffServer.VM));
        select("vms", VmdiffServer.VM);
        Shell chooser = Dialogs.openBy(workbench, DATA, wb -> widget("resume"), "Resume " + VmdiffServer.VM);
        String chosen = ui(wb -> ((Combo) Widgets.byId(chooser, WIDGET_KEY, "host")).getText());
        assertEquals(VmdiffServer.HOST, chosen, "the only host is offered first");
        WorkbenchModel.screenshot(workbench, "vmdiff-chooser");
        Dialogs.press(workbench, chooser, "Resume");
        workbench.await("closing the chooser", DATA, wb -> chooser.isDisposed() ? Boolean.TRUE : null);

        // operation columns: id, VM, action, host, progress, state, phase, message, started
        List<String> ended = awaitRow("operations", "the resume ending", r -> r.get(1).equals(VmdiffServer.VM)
                && r.get(2).equals("resume") && !r.get(5).equals("RUNNING"));
        assertEquals(VmdiffServer.HOST, ended.get(3), ended.toString());
        // the host fetched the base from the server and pulled the generation; the seeded memory state is made-up
        // bytes, so libvirt refuses to restore it: the operation ends FAILED with libvirt's reason
        assertEquals("FAILED", ended.get(5), ended.toString());
        assertTrue(ended.get(7).startsWith("INVALID (409): "), ended.toString());
        assertTrue(ended.get(7).contains("is not a saved state file"), ended.toString());
        assertTrue(java.nio.file.Files.isRegularFile(java.nio.file.Path.of(System.getProperty("deskplane.test.serverData"),
                "vmdiff-host", "copy", "bases", server.baseSha() + ".raw")), "the host fetched the base from the server");
        // the host took the lease before it pulled: the VM's row shows the holder
        List<String> vm = awaitRow("vms", "the lease held by the host",
                r -> r.get(0).equals(VmdiffServer.VM) && r.get(2).startsWith(VmdiffServer.HOST + " (token "));
        assertEquals("#1 suspended by server", vm.get(1), vm.toString());
        WorkbenchModel.screenshot(workbench, "vmdiff-operation");

        JsonNode operations = server.rest().get("/vmdiff/operations?vm=" + VmdiffServer.VM);
        assertEquals("FAILED", operations.get(0).path("state").asText(), operations.toString());
        assertEquals("INVALID", operations.get(0).path("kind").asText(), operations.toString());
        JsonNode audit = server.rest().get("/audit?action=vmdiff.vm.resume");
        assertTrue(audit.size() >= 1 && audit.get(0).path("actor").asText().equals(VmdiffServer.user()),
                "the resume is audited with the admin as actor: " + audit);
    }

    /** The host configured in the server's process registers once the demo's test-driver connection is up. */
    private static void awaitHost() throws InterruptedException {
        Instant deadline = Instant.now().plus(DATA);
        JsonNode hosts = null;
        while (Instant.now().isBefore(deadline)) {
            hosts = server.rest().get("/vmdiff/hosts");
            for (JsonNode h : hosts) {
                if (h.path("host").asText().equals(VmdiffServer.HOST)) {
                    return;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the host " + VmdiffServer.HOST + " never registered: " + hosts);
    }

    /**
     * {@link RunningWorkbench#ui} passes a RuntimeException of the UI thread on to the caller, but not an Error: an
     * AssertionError thrown there would only be logged. Every UI call of this test goes through here.
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

    /** Fails with the dialog's words when the workbench shows an error dialog. */
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

    private static Control widget(String id) {
        return Widgets.byId((Composite) part().getWidget(), WIDGET_KEY, id);
    }

    /** Waits until a row of the table satisfies the check, failing at once on an error dialog; returns the row. */
    private static List<String> awaitRow(String table, String what, Predicate<List<String>> check)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(DATA);
        while (Instant.now().isBefore(deadline)) {
            failOnErrorDialog();
            List<String> row = ui(wb -> WorkbenchModel.tableRows(WorkbenchModel.part(wb.getApplication(), PART), table)
                    .stream().filter(check).findFirst().orElse(null));
            if (row != null) {
                return row;
            }
            Thread.sleep(100); // polling with a deadline: the part reads the server off the UI thread
        }
        throw new AssertionError("timed out after " + DATA + " waiting for " + what + " in " + table + ": "
                + ui(wb -> WorkbenchModel.tableRows(WorkbenchModel.part(wb.getApplication(), PART), table)));
    }

    /** Selects the first row whose first cell is {@code text}, as a click would. */
    private static void select(String table, String text) {
        ui(wb -> {
            Table t = WorkbenchModel.findTable((Composite) part().getWidget(), table);
            for (int i = 0; i < t.getItemCount(); i++) {
                if (t.getItem(i).getText(0).equals(text)) {
                    t.setSelection(i);
                    Event event = new Event();
                    event.item = t.getItem(i);
                    t.notifyListeners(SWT.Selection, event);
                    return null;
                }
            }
            throw new AssertionError("no row " + text + " in " + table);
        });
    }
}
