package org.deskplane.print.cups.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.deskplane.ipp.AttributeGroup;
import org.deskplane.ipp.IppAttribute;
import org.deskplane.ipp.IppMessage;
import org.deskplane.ipp.IppOperation;
import org.deskplane.ipp.IppTags;
import org.deskplane.ipp.IppValue;
import org.deskplane.print.api.HostPrinter;
import org.deskplane.print.api.PrintException;
import org.deskplane.print.api.PrintJobHandle;
import org.deskplane.print.api.PrintJobRequest;
import org.deskplane.print.api.PrintJobState;
import org.deskplane.print.api.PrintJobStatus;
import org.deskplane.print.api.PrintOptions;
import org.deskplane.print.api.PrinterCapabilities;
import org.junit.jupiter.api.Test;

/** The driver's mappings between IPP and the API, without a CUPS (the real one is in CupsPrinterDriverTest). */
class CupsMappingTest {

    private static final PrintJobHandle JOB = new PrintJobHandle("cups", "q", "7", "k");

    @Test
    void jobStatesMapToTheApi() {
        int[] ipp = {3, 4, 5, 6, 7, 8, 9};
        PrintJobState[] api = {PrintJobState.PENDING, PrintJobState.PENDING, PrintJobState.PROCESSING,
                PrintJobState.PROCESSING, PrintJobState.CANCELLED, PrintJobState.ABORTED, PrintJobState.COMPLETED};
        for (int i = 0; i < ipp.length; i++) {
            AttributeGroup g = new AttributeGroup(IppTags.JOB_ATTRIBUTES, List.of(IppAttribute.enumeration("job-state", ipp[i])));
            assertEquals(api[i], CupsJobs.status(JOB, g).state(), "job-state " + ipp[i]);
        }
    }

    @Test
    void anAbortedJobAlwaysHasAReason() {
        PrintJobStatus silent = CupsJobs.status(JOB, new AttributeGroup(IppTags.JOB_ATTRIBUTES,
                List.of(IppAttribute.enumeration("job-state", 8), IppAttribute.keyword("job-state-reasons", "none"))));
        assertTrue(!silent.reason().isEmpty());
        PrintJobStatus told = CupsJobs.status(JOB, new AttributeGroup(IppTags.JOB_ATTRIBUTES,
                List.of(IppAttribute.enumeration("job-state", 8), IppAttribute.keyword("job-state-reasons", "document-format-error"),
                        IppAttribute.text("job-state-message", "bad PDF"), IppAttribute.integer("job-impressions-completed", 2))));
        assertEquals("document-format-error: bad PDF", told.reason());
        assertEquals(2, told.pagesCompleted());
    }

    @Test
    void optionsBecomeJobAttributes() {
        PrintJobRequest request = PrintJobRequest.of("application/pdf", "x").withIdempotencyKey("key-1")
                .withOrigin(new PrintJobRequest.Origin("bob", "vm-1", ""))
                .withOptions(PrintOptions.DEFAULTS.withCopies(2).withMedia("iso_a4_210x297mm").withSides("two-sided-long-edge")
                        .withColorMode("monochrome").withPageRanges(List.of(new PrintOptions.PageRange(1, 3))).withHold(true));
        AttributeGroup g = new AttributeGroup(IppTags.JOB_ATTRIBUTES, CupsJobs.jobAttributes(request));
        assertEquals("key-1", g.string(CupsJobs.KEY_ATTRIBUTE));
        assertEquals("bob", g.string(CupsJobs.ORIGIN_USER));
        assertEquals(false, g.get(CupsJobs.ORIGIN_APPLICATION).isPresent());
        assertEquals(2, g.integer("copies", -1));
        assertEquals("iso_a4_210x297mm", g.string("media"));
        assertEquals("two-sided-long-edge", g.string("sides"));
        assertEquals("monochrome", g.string("print-color-mode"));
        assertEquals(new IppValue.RangeValue(1, 3), g.get("page-ranges").orElseThrow().value());
        assertEquals("indefinite", g.string("job-hold-until"));
    }

    @Test
    void printerChangesAreDiffed() {
        HostPrinter a = printer("a", HostPrinter.PrinterState.IDLE);
        HostPrinter b = printer("b", HostPrinter.PrinterState.IDLE);
        HostPrinter bStopped = printer("b", HostPrinter.PrinterState.STOPPED);
        HostPrinter c = printer("c", HostPrinter.PrinterState.IDLE);
        PrinterWatcher.Change change = PrinterWatcher.diff(Map.of("a", a, "b", b), Map.of("b", bStopped, "c", c));
        assertEquals(Set.of("c"), change.added());
        assertEquals(Set.of("a"), change.removed());
        assertEquals(Set.of("b"), change.changed());
        assertTrue(PrinterWatcher.diff(Map.of("a", a), Map.of("a", a)).isEmpty());
    }

    @Test
    void anUnreachableCupsIsUnavailableAndTheDocumentIsLeftOpen() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        boolean[] closed = {false};
        InputStream document = new ByteArrayInputStream(new byte[100]) {
            @Override
            public void close() throws IOException {
                closed[0] = true;
            }
        };
        IppMessage request = IppMessage.request(IppOperation.PRINT_JOB, 1).build();
        PrintException e = assertThrows(PrintException.class, () -> new IppHttpClient(Duration.ofSeconds(5))
                .send("ipp://localhost:" + closedPort + "/printers/x", request, document));
        assertEquals(PrintException.Kind.UNAVAILABLE, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("localhost:" + closedPort), e.getMessage());
        assertEquals(false, closed[0], "the caller owns the document stream");
    }

    private static HostPrinter printer(String id, HostPrinter.PrinterState state) {
        return new HostPrinter("cups", id, id, "", state, List.of(), true,
                new PrinterCapabilities(List.of("application/pdf"), List.of(), "", List.of(), List.of(), 1, 1, List.of()));
    }
}
