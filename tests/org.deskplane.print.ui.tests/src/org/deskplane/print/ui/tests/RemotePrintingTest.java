package org.deskplane.print.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.deskplane.client.RemotePrinting;
import org.deskplane.client.ServerConnection;
import org.deskplane.print.api.HostPrinter;
import org.deskplane.print.api.PrintException;
import org.deskplane.print.policy.PrintPolicies;
import org.deskplane.print.policy.PrintPolicyRule;
import org.deskplane.print.routing.SpoolState;
import org.deskplane.print.routing.SpooledJob;
import org.deskplane.print.routing.VmPrinter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The REST client's {@link RemotePrinting} and {@link PrintPolicies} against the real server product: the PDF
 * printer with its capabilities, what a VM's owner sees, a job printed through the router to COMPLETED, a spooled
 * job cancelled, a rule written, in force, refused when malformed (400 → INVALID) and deleted.
 */
class RemotePrintingTest {

    private static ServerConnection connection;

    @BeforeAll
    static void login() throws Exception {
        connection = PrintServer.login();
    }

    @AfterAll
    static void logout() {
        if (connection != null) {
            connection.close();
        }
    }

    @Test
    void hostPrintersAndAVmsPrinters() throws Exception {
        RemotePrinting printing = connection.printing();
        RemotePrinting.DriverPrinters pdf = printing.hostPrinters().stream().filter(d -> d.driver().equals("pdf"))
                .findFirst().orElseThrow(() -> new AssertionError("no pdf driver"));
        assertEquals("", pdf.error());
        VmPrinter printer = pdf.printers().get(0);
        assertEquals(PrintServer.PDF_PRINTER, printer.id());
        assertEquals(HostPrinter.PrinterState.IDLE, printer.printer().state());
        assertTrue(printer.printer().capabilities().accepts("application/pdf"));

        List<VmPrinter> alices = printing.vmPrinters(PrintServer.DEMO_CONNECTION, PrintServer.ALICES_DESK);
        assertTrue(alices.stream().anyMatch(p -> p.id().equals(PrintServer.PDF_PRINTER)), alices.toString());
        PrintException missing = assertThrows(PrintException.class, () -> printing.vmPrinters(PrintServer.DEMO_CONNECTION,
                "00000000-0000-4000-8000-000000000000"));
        assertEquals(PrintException.Kind.NOT_FOUND, missing.kind());
    }

    @Test
    void aJobIsPrintedAndListedWithItsState() throws Exception {
        RemotePrinting printing = connection.printing();
        SpooledJob job = printing.print(PrintServer.ALICES_DESK_KEY, PrintServer.PDF_PRINTER, "client test",
                "application/pdf", PrintServer.pdf("client test"));
        assertEquals("alice", job.context().user());
        assertEquals(PrintServer.ALICES_DESK_NAME, job.context().vmName());
        PrintServer.await("job " + job.id() + " COMPLETED", () -> state(printing, job.id()) == SpoolState.COMPLETED);
        SpooledJob done = printing.job(job.id()).orElseThrow();
        assertEquals(PrintServer.pdf("client test").length, done.bytes());
        assertEquals(PrintServer.PDF_PRINTER, done.vmPrinterId());
        assertTrue(!done.updated().isBefore(done.created()));
        assertTrue(printing.jobs(PrintServer.ALICES_DESK_KEY, 1000).stream().anyMatch(j -> j.id().equals(job.id())));
        assertTrue(printing.jobs("demo-1:no-such-vm", 10).isEmpty(), "filtered by VM");
        assertEquals(Optional.empty(), printing.job("no-such-job"));
        assertEquals(SpoolState.COMPLETED, printing.cancel(job.id()).state(), "an ended job stays as it is");
    }

    @Test
    void aSpooledJobIsCancelled() throws Exception {
        RemotePrinting printing = connection.printing();
        printing.hostPrinters(); // the router remembers the printer while its driver is away
        long driver = PrintServer.pdfDriver(connection).id();
        connection.bundleManager().stop(driver);
        try {
            SpooledJob job = printing.print(PrintServer.ALICES_DESK_KEY, PrintServer.PDF_PRINTER, "to cancel",
                    "application/pdf", PrintServer.pdf("to cancel"));
            assertEquals(SpoolState.SPOOLED, job.state());
            SpooledJob cancelled = printing.cancel(job.id());
            assertEquals(SpoolState.CANCELLED, cancelled.state());
        } finally {
            connection.bundleManager().start(driver);
        }
    }

    @Test
    void policiesAreWrittenInForceRefusedWhenMalformedAndDeleted() throws Exception {
        PrintPolicies policies = connection.printPolicies();
        String name = "client-deny-alice";
        PrintPolicyRule rule = new PrintPolicyRule(name, 3, PrintPolicyRule.Effect.DENY, List.of("alice"), List.of(),
                List.of(), List.of(PrintServer.PDF_PRINTER), List.of(), false);
        try {
            assertEquals(rule, policies.put("ignored", rule));
            assertTrue(policies.list().contains(rule));
            PrintServer.await("alice sees no printer", () -> {
                try {
                    return connection.printing().vmPrinters(PrintServer.DEMO_CONNECTION, PrintServer.ALICES_DESK)
                            .isEmpty();
                } catch (PrintException e) {
                    throw new AssertionError(e);
                }
            });
            PrintException denied = assertThrows(PrintException.class, () -> connection.printing().print(
                    PrintServer.ALICES_DESK_KEY, PrintServer.PDF_PRINTER, "denied", "application/pdf",
                    PrintServer.pdf("denied")));
            assertEquals(PrintException.Kind.DENIED, denied.kind(), denied.getMessage());
            PrintException invalid = assertThrows(PrintException.class, () -> policies.put("ignored",
                    new PrintPolicyRule("bad name!", 1, PrintPolicyRule.Effect.ALLOW, null, null, null, null, null,
                            false)));
            assertEquals(PrintException.Kind.INVALID, invalid.kind());
            assertTrue(invalid.getMessage().contains("400"), invalid.getMessage());
        } finally {
            policies.delete("ignored", name);
        }
        assertTrue(policies.list().stream().noneMatch(r -> r.name().equals(name)));
        PrintException gone = assertThrows(PrintException.class, () -> policies.delete("ignored", name));
        assertEquals(PrintException.Kind.NOT_FOUND, gone.kind());
    }

    private static SpoolState state(RemotePrinting printing, String id) {
        try {
            return printing.job(id).map(SpooledJob::state).orElse(null);
        } catch (PrintException e) {
            throw new AssertionError(e);
        }
    }
}
