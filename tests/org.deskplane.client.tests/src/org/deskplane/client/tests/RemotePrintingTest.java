package org.deskplane.client.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.deskplane.client.CertificateTrust;
import org.deskplane.client.RemotePrinting;
import org.deskplane.client.ServerConnection;
import org.deskplane.print.api.HostPrinter;
import org.deskplane.print.api.PrintException;
import org.deskplane.print.policy.PrintPolicyRule;
import org.deskplane.print.routing.SpoolState;
import org.deskplane.print.routing.SpooledJob;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The REST client's printing against the stand-in server, for answers the real server rarely gives: a driver that
 * failed to list, dates as epoch seconds, unknown fields, a missing job, a refused rule. (The real server product is
 * exercised by org.deskplane.print.ui.tests' RemotePrintingTest.)
 */
class RemotePrintingTest {

    private static final String PASSWORD = "remote-printing-password";

    private static FakeDeskplaneServer server;
    private static ServerConnection connection;

    @BeforeAll
    static void login() throws Exception {
        server = new FakeDeskplaneServer(PASSWORD);
        connection = ServerConnection.login(server.baseUrl(), CertificateTrust.pinned(server.fingerprint()),
                FakeDeskplaneServer.ADMIN, PASSWORD.toCharArray());
    }

    @AfterAll
    static void close() {
        connection.close();
        server.close();
    }

    @Test
    void driversWithTheirPrintersOrTheirError() throws Exception {
        List<RemotePrinting.DriverPrinters> drivers = connection.printing().hostPrinters();
        assertEquals(List.of("cups", "pdf"), drivers.stream().map(RemotePrinting.DriverPrinters::driver).toList());
        assertEquals("cupsd is not reachable", drivers.get(0).error());
        assertEquals(List.of(), drivers.get(0).printers());
        assertEquals("", drivers.get(1).error());
        HostPrinter pdf = drivers.get(1).printers().get(0).printer();
        assertEquals(HostPrinter.PrinterState.IDLE, pdf.state(), "state read without regard to case");
        assertEquals("Room 1", pdf.location());
        assertEquals(List.of("none"), pdf.stateReasons());
        assertEquals(300, pdf.capabilities().resolutions().get(0).crossFeed());
        assertTrue(pdf.capabilities().accepts("application/pdf"));
    }

    @Test
    void aJobWithEpochSecondsAndUnknownFields() throws Exception {
        SpooledJob job = connection.printing().job("job-1").orElseThrow();
        assertEquals(SpoolState.PRINTING, job.state());
        assertEquals("demo-1", job.context().connectionId());
        assertEquals("de5c-1", job.context().vmUuid());
        assertEquals("alice", job.context().user());
        assertEquals(Instant.ofEpochSecond(1767225600L, 500_000_000), job.created());
        assertEquals(Instant.parse("2026-01-01T00:00:01Z"), job.updated());
        assertEquals("pdf", job.driverJob().driver());
        assertEquals("report--job-1.pdf", job.driverJob().jobId());
        assertEquals("", job.request().origin().application(), "null read as unknown");
        assertEquals(Optional.empty(), connection.printing().job("missing"), "404 is no job, not an error");
    }

    @Test
    void aRefusedRuleIsInvalidWithTheServersReason() {
        PrintException refused = assertThrows(PrintException.class, () -> connection.printPolicies().put("ignored",
                new PrintPolicyRule("x", 1, PrintPolicyRule.Effect.ALLOW, List.of("alice"), null, null, null, null,
                        false)));
        assertEquals(PrintException.Kind.INVALID, refused.kind());
        assertTrue(refused.getMessage().contains("400") && refused.getMessage().contains("must not be blank"),
                refused.getMessage());
    }
}
