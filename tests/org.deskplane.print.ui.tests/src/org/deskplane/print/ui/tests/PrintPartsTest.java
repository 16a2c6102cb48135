package org.deskplane.print.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import org.deskplane.client.ServerConnection;
import org.deskplane.print.api.PrintException;
import org.deskplane.print.routing.SpoolState;
import org.deskplane.print.routing.SpooledJob;
import org.deskplane.workbench.testing.RemoteSignIn;
import org.deskplane.workbench.testing.Dialogs;
import org.deskplane.workbench.testing.RunningWorkbench;
import org.deskplane.workbench.testing.Widgets;
import org.deskplane.workbench.testing.WorkbenchModel;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The workbench logs in as admin to the real server product (PDF directory printer, demo hypervisor) and the
 * printing parts show and drive it: the Printers part lists the PDF printer and what alice's desk sees; a job the
 * test prints through the router appears in the Print jobs part and reaches COMPLETED with no refresh pressed; a job
 * waiting in the spool (the PDF driver bundle stopped through the REST bundles API) is cancelled from the part; a
 * DENY rule added in the Print policies editor hides the printer from the VM; a malformed rule shows the server's 400.
 * The policy test runs last: its rule would deny the other tests' jobs while it exists.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrintPartsTest {

    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Duration DATA = PrintServer.DATA;
    private static final String PRINTERS_PART = "org.deskplane.print.ui.part.printers";
    private static final String JOBS_PART = "org.deskplane.print.ui.part.jobs";
    private static final String POLICIES_PART = "org.deskplane.print.ui.part.policies";
    private static final String WIDGET_KEY = "org.deskplane.print.ui.widget";
    private static final String RULE = "ui-deny-alice-pdf";

    private static RunningWorkbench workbench;
    /** The test's own login, for what the workbench is not asked to do (print a job, stop the driver bundle). */
    private static ServerConnection server;

    @BeforeAll
    static void startWorkbench() throws Exception {
        server = PrintServer.login();
        String fingerprint = ServerConnection.probeCertificate(URI.create(PrintServer.url())).sha256Fingerprint();
        workbench = RemoteSignIn.start(PrintServer.url(), PrintServer.user(), PrintServer.password(), fingerprint,
                STARTUP);
    }

    @AfterAll
    static void stop() throws Exception {
        RemoteSignIn.stop(workbench);
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void printersPartListsThePdfPrinterAndWhatAVmSees() throws Exception {
        activate(PRINTERS_PART);
        List<String> pdf = awaitRow(PRINTERS_PART, "printers", 1, PrintServer.PDF_PRINTER, row -> true);
        assertEquals("pdf", pdf.get(0), "driver column: " + pdf);
        assertEquals("IDLE", pdf.get(3), "state column: " + pdf);
        assertTrue(pdf.get(5).contains("application/pdf"), "formats column: " + pdf);

        workbench.await("alice's desk in the VM list", DATA, wb -> {
            Combo combo = (Combo) widget(wb.getApplication(), PRINTERS_PART, "vm");
            for (int i = 0; combo != null && i < combo.getItemCount(); i++) {
                if (combo.getItem(i).startsWith(PrintServer.ALICES_DESK_NAME + " (" + PrintServer.DEMO_CONNECTION)) {
                    combo.select(i);
                    combo.notifyListeners(SWT.Selection, new Event());
                    return true;
                }
            }
            return null;
        });
        List<String> seen = awaitRow(PRINTERS_PART, "vmPrinters", 0, PrintServer.PDF_PRINTER, row -> true);
        assertEquals("IDLE", seen.get(3), seen.toString());
        // the table and the status line are set by the same answer; a second read (the VM list refreshing) may
        // still be under way, so wait for the status rather than take the first look
        workbench.await("the VM's status line", DATA, wb -> label(wb.getApplication(), PRINTERS_PART, "vmStatus")
                .startsWith("alice sees 1 printer(s) from " + PrintServer.ALICES_DESK_NAME) ? true : null);
        WorkbenchModel.screenshot(workbench, "printers-part");
    }

    @Test
    @Order(2)
    void aPrintedJobShowsUpAndReachesCompletedWithoutARefresh() throws Exception {
        activate(JOBS_PART);
        workbench.await("jobs read", DATA, wb -> label(wb.getApplication(), JOBS_PART, "status").contains("job(s)") ? true : null);
        SpooledJob job = server.printing().print(PrintServer.ALICES_DESK_KEY, PrintServer.PDF_PRINTER, "ui test page",
                "application/pdf", PrintServer.pdf("ui test page"));
        // nothing is pressed from here on: the part's own polling must bring the job and its end
        List<String> row = awaitRow(JOBS_PART, "jobs", 0, job.id(), r -> r.get(4).equals("COMPLETED"));
        assertEquals("alice", row.get(1));
        assertEquals(PrintServer.ALICES_DESK_NAME, row.get(2));
        assertEquals(PrintServer.PDF_PRINTER, row.get(3));
        assertEquals(PrintServer.pdf("ui test page").length + " B", row.get(6));
        assertTrue(!row.get(8).isEmpty() && !row.get(9).isEmpty(), "created and updated shown: " + row);
        WorkbenchModel.screenshot(workbench, "jobs-part-completed");
    }

    @Test
    @Order(3)
    void aSpooledJobIsCancelledFromThePart() throws Exception {
        server.printing().hostPrinters(); // the router remembers the printer while its driver is away
        long driver = PrintServer.pdfDriver(server).id();
        server.bundleManager().stop(driver);
        SpooledJob job;
        try {
            job = server.printing().print(PrintServer.ALICES_DESK_KEY, PrintServer.PDF_PRINTER, "ui to cancel",
                    "application/pdf", PrintServer.pdf("ui to cancel"));
            activate(JOBS_PART);
            List<String> waiting = awaitRow(JOBS_PART, "jobs", 0, job.id(), r -> r.get(4).equals("SPOOLED")
                    && r.get(7).contains("waiting for"));
            assertEquals("SPOOLED", waiting.get(4));
            String id = job.id();
            workbench.ui(wb -> {
                Table table = (Table) widget(wb.getApplication(), JOBS_PART, "jobs");
                for (int i = 0; i < table.getItemCount(); i++) {
                    if (table.getItem(i).getText(0).equals(id)) {
                        table.setSelection(i);
                        table.notifyListeners(SWT.Selection, new Event());
                    }
                }
                return null;
            });
            WorkbenchModel.screenshot(workbench, "jobs-part-spooled");
            Shell confirm = Dialogs.openBy(workbench, DATA, wb -> widget(wb.getApplication(), JOBS_PART, "cancel"), "Cancel print job");
            Dialogs.press(workbench, confirm, "OK");
            awaitRow(JOBS_PART, "jobs", 0, id, r -> r.get(4).equals("CANCELLED"));
            WorkbenchModel.screenshot(workbench, "jobs-part-cancelled");
        } finally {
            server.bundleManager().start(driver);
        }
        assertEquals(SpoolState.CANCELLED, server.printing().job(job.id()).orElseThrow().state(), "the server's job");
    }

    @Test
    @Order(4)
    void aRuleAddedInTheEditorHidesThePrinterAndAMalformedOneShowsThe400() throws Exception {
        if (server.printPolicies().list().stream().anyMatch(r -> r.name().equals(RULE))) {
            server.printPolicies().delete("test", RULE);
        }
        try {
            activate(POLICIES_PART);
            workbench.await("rules read", DATA, wb -> label(wb.getApplication(), POLICIES_PART, "status")
                    .contains("rule(s)") ? true : null);
            Shell editor = Dialogs.openBy(workbench, DATA, wb -> widget(wb.getApplication(), POLICIES_PART, "add"), "Add print policy rule");
            workbench.ui(wb -> {
                text(editor, "name").setText(RULE);
                text(editor, "order").setText("5");
                Combo effect = (Combo) Widgets.byId(editor, WIDGET_KEY, "effect");
                effect.select(1);
                text(editor, "users").setText("alice");
                text(editor, "printers").setText(PrintServer.PDF_PRINTER);
                return null;
            });
            WorkbenchModel.screenshot(workbench, "policies-editor");
            Dialogs.press(workbench, editor, "Save");
            List<String> row = awaitRow(POLICIES_PART, "policies", 1, RULE, r -> true);
            assertEquals(List.of("5", RULE, "DENY", "alice", "any", "any", PrintServer.PDF_PRINTER), row.subList(0, 7));
            WorkbenchModel.screenshot(workbench, "policies-part");

            // in force: alice's desk shows her no printer, in the Printers part too
            PrintServer.await("the rule hides the printer", () -> {
                try {
                    return server.printing().vmPrinters(PrintServer.DEMO_CONNECTION, PrintServer.ALICES_DESK).isEmpty();
                } catch (PrintException e) {
                    throw new AssertionError(e);
                }
            });
            activate(PRINTERS_PART);
            workbench.ui(wb -> {
                widget(wb.getApplication(), PRINTERS_PART, "refresh").notifyListeners(SWT.Selection, new Event());
                return null;
            });
            workbench.await("alice's desk shows no printer", DATA, wb -> {
                String text = label(wb.getApplication(), PRINTERS_PART, "vmStatus");
                return text.startsWith("alice sees 0 printer(s)") && WorkbenchModel.tableRows(
                        WorkbenchModel.part(wb.getApplication(), PRINTERS_PART), "vmPrinters").isEmpty() ? text : null;
            });
            WorkbenchModel.screenshot(workbench, "printers-part-denied");

            // a rule the server cannot use is refused with its reason, in a dialog
            activate(POLICIES_PART);
            Shell broken = Dialogs.openBy(workbench, DATA, wb -> widget(wb.getApplication(), POLICIES_PART, "add"), "Add print policy rule");
            workbench.ui(wb -> {
                text(broken, "name").setText("broken rule!");
                return null;
            });
            Dialogs.press(workbench, broken, "Save");
            String error = Dialogs.awaitText(workbench, DATA, "Save print policy rule broken rule! failed");
            assertTrue(error.contains("400"), "the server's validation error: " + error);
            WorkbenchModel.screenshot(workbench, "policies-refused");
            Dialogs.close(workbench, "Save print policy rule broken rule! failed");
            assertTrue(server.printPolicies().list().stream().noneMatch(r -> r.name().equals("broken rule!")),
                    "the server did not store the broken rule");

            // Delete through the part
            workbench.ui(wb -> {
                Table table = (Table) widget(wb.getApplication(), POLICIES_PART, "policies");
                for (int i = 0; i < table.getItemCount(); i++) {
                    if (table.getItem(i).getText(1).equals(RULE)) {
                        table.setSelection(i);
                        table.notifyListeners(SWT.Selection, new Event());
                    }
                }
                return null;
            });
            Shell confirm = Dialogs.openBy(workbench, DATA, wb -> widget(wb.getApplication(), POLICIES_PART, "delete"), "Delete print policy rule");
            Dialogs.press(workbench, confirm, "OK");
            workbench.await("rule deleted", DATA, wb -> WorkbenchModel.tableRows(WorkbenchModel.part(
                    wb.getApplication(), POLICIES_PART), "policies").stream().noneMatch(r -> r.get(1).equals(RULE))
                    && label(wb.getApplication(), POLICIES_PART, "status").contains("rule(s)") ? true : null);
            assertTrue(server.printPolicies().list().stream().noneMatch(r -> r.name().equals(RULE)));
        } finally {
            if (server.printPolicies().list().stream().anyMatch(r -> r.name().equals(RULE))) {
                server.printPolicies().delete("test", RULE);
            }
        }
    }

    // --- driving the parts -----------------------------------------------------------------------------

    /**
     * Brings a part to the top. The window's context is activated first: after a modal dialog (the Cancel
     * confirmation) closed, the application's active context chain can still end at the dialog's, which has no part
     * service.
     */
    private static void activate(String partId) {
        workbench.ui(wb -> {
            WorkbenchModel.window(wb.getApplication()).getContext().activate();
            return null;
        });
        WorkbenchModel.activate(workbench, partId);
    }

    /** Waits for the row whose column {@code keyColumn} is {@code key} and that satisfies {@code ready}. */
    private static List<String> awaitRow(String partId, String table, int keyColumn, String key,
            Predicate<List<String>> ready) throws InterruptedException {
        return workbench.await(table + " row " + key, DATA, wb -> WorkbenchModel.tableRows(
                WorkbenchModel.part(wb.getApplication(), partId), table).stream()
                .filter(row -> row.size() > keyColumn && row.get(keyColumn).equals(key)).filter(ready).findFirst()
                .orElse(null));
    }

    private static String label(String partId, String id) {
        return workbench.ui(wb -> label(wb.getApplication(), partId, id));
    }

    private static String label(MApplication application, String partId, String id) {
        Control control = widget(application, partId, id);
        return control instanceof Label label ? label.getText() : "";
    }

    private static Control widget(MApplication application, String partId, String id) {
        Object composite = WorkbenchModel.part(application, partId).getWidget();
        return composite instanceof Composite parent ? Widgets.byId(parent, WIDGET_KEY, id) : null;
    }

    private static Text text(Composite parent, String id) {
        Text text = (Text) Widgets.byId(parent, WIDGET_KEY, id);
        if (text == null) {
            throw new AssertionError("no field " + id);
        }
        return text;
    }

}
