package org.deskplane.print.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.deskplane.print.api.HostPrinter;
import org.deskplane.print.api.HostPrinter.PrinterState;
import org.deskplane.print.api.PrintJobHandle;
import org.deskplane.print.api.PrintJobRequest;
import org.deskplane.print.api.PrintJobState;
import org.deskplane.print.api.PrintJobStatus;
import org.deskplane.print.api.PrinterCapabilities;
import org.deskplane.print.api.PrinterCapabilities.Resolution;
import org.deskplane.print.policy.PrintPolicyRule;
import org.deskplane.print.routing.PrintingContext;
import org.deskplane.print.routing.SpoolState;
import org.deskplane.print.routing.SpooledJob;
import org.deskplane.print.routing.VmPrinter;
import org.junit.jupiter.api.Test;

/** The other records' checks and defaults: what is required, what "unknown" becomes, what is copied. */
class RecordsTest {

    static PrinterCapabilities pdfOnly() {
        return new PrinterCapabilities(List.of("application/pdf"), List.of("iso_a4_210x297mm"), "iso_a4_210x297mm",
                List.of("one-sided"), List.of("color"), 1, 99, List.of(new Resolution(300, 300, true)));
    }

    @Test
    void vmKeyIsConnectionColonUuid() {
        PrintingContext context = new PrintingContext("qemu-local", "4f3c-aa", "desk-1", "finance", "alice");

        assertEquals("qemu-local:4f3c-aa", context.vmKey());
    }

    @Test
    void contextNeedsConnectionUuidAndUserButNotNameOrPool() {
        PrintingContext context = new PrintingContext("c", "u", null, null, "alice");

        assertEquals("", context.vmName());
        assertEquals("", context.pool());
        assertThrows(NullPointerException.class, () -> new PrintingContext(null, "u", "n", "p", "alice"));
        assertThrows(NullPointerException.class, () -> new PrintingContext("c", null, "n", "p", "alice"));
        assertThrows(NullPointerException.class, () -> new PrintingContext("c", "u", "n", "p", null));
    }

    @Test
    void capabilitiesAcceptTheirFormatsOrAnythingWithOctetStream() {
        PrinterCapabilities pdf = pdfOnly();
        PrinterCapabilities any = new PrinterCapabilities(List.of("application/octet-stream"), List.of(), null,
                List.of(), List.of(), 1, 1, List.of());

        assertTrue(pdf.accepts("application/pdf"));
        assertFalse(pdf.accepts("image/pwg-raster"));
        assertTrue(any.accepts("image/pwg-raster"));
        assertEquals("", any.defaultMedia());
        assertThrows(NullPointerException.class, () -> pdf.accepts(null));
    }

    @Test
    void capabilitiesRefuseImpossibleCopyRangesAndResolutions() {
        assertThrows(IllegalArgumentException.class,
                () -> new PrinterCapabilities(List.of(), List.of(), "", List.of(), List.of(), 0, 5, List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new PrinterCapabilities(List.of(), List.of(), "", List.of(), List.of(), 3, 2, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Resolution(0, 300, true));
        assertThrows(IllegalArgumentException.class, () -> new Resolution(300, -1, true));
    }

    @Test
    void capabilitiesCopyTheirLists() {
        List<String> formats = new ArrayList<>(List.of("application/pdf"));
        PrinterCapabilities caps = new PrinterCapabilities(formats, List.of(), "", List.of(), List.of(), 1, 1,
                List.of());
        formats.add("image/pwg-raster");

        assertFalse(caps.accepts("image/pwg-raster"));
    }

    @Test
    void aPrinterWithoutNameIsCalledByItsIdAndWithoutLocationHasAnEmptyOne() {
        HostPrinter blank = new HostPrinter("cups", "office", " ", null, PrinterState.IDLE, List.of(), true, pdfOnly());
        HostPrinter named = new HostPrinter("cups", "office", "Office", "2nd floor", PrinterState.IDLE, List.of(),
                true, pdfOnly());

        assertEquals("office", blank.name());
        assertEquals("", blank.location());
        assertEquals("Office", named.name());
        assertEquals("office", new HostPrinter("cups", "office", null, "", PrinterState.IDLE, List.of(), true,
                pdfOnly()).name());
        assertThrows(NullPointerException.class,
                () -> new HostPrinter("cups", "office", "O", "", null, List.of(), true, pdfOnly()));
        assertThrows(NullPointerException.class,
                () -> new VmPrinter("cups.office", null, false));
    }

    @Test
    void statusAndSpooledJobFillEmptyReasons() {
        PrintJobHandle handle = new PrintJobHandle("pdf", "pdf", "1", "k");
        PrintingContext context = new PrintingContext("c", "u", "n", "p", "alice");
        Instant now = Instant.now();

        assertEquals("", new PrintJobStatus(handle, PrintJobState.PENDING, null, -1).reason());
        SpooledJob job = new SpooledJob("k", context, "pdf.pdf", PrintJobRequest.of("application/pdf", "d"), 3, null,
                SpoolState.SPOOLED, null, 0, null, now, now);
        assertEquals("", job.sha256());
        assertEquals("", job.reason());
        assertThrows(NullPointerException.class, () -> new SpooledJob("k", context, "pdf.pdf",
                PrintJobRequest.of("application/pdf", "d"), 3, "", null, "", 0, null, now, now));
        assertThrows(NullPointerException.class, () -> new PrintJobHandle("pdf", "pdf", null, "k"));
    }

    @Test
    void aPolicyRuleTreatsMissingListsAsAnyAndCopiesThem() {
        List<String> users = new ArrayList<>(List.of("alice"));
        PrintPolicyRule rule = new PrintPolicyRule("r", 1, PrintPolicyRule.Effect.ALLOW, users, null, null, null,
                null, false);
        users.add("mallory");

        assertEquals(List.of("alice"), rule.users());
        assertEquals(List.of(), rule.vms());
        assertEquals(List.of(), rule.pools());
        assertEquals(List.of(), rule.printers());
        assertEquals(List.of(), rule.applications());
    }
}
