package org.deskplane.print.tests;

import static org.deskplane.print.tests.RouterFixture.PDF_VM_PRINTER;
import static org.deskplane.print.tests.RouterFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.deskplane.print.api.PrintJobRequest;
import org.deskplane.print.routing.PrintRouter;
import org.deskplane.print.routing.PrintingContext;
import org.deskplane.print.routing.SpoolState;
import org.deskplane.print.routing.SpooledJob;
import org.deskplane.print.routing.VmPrinter;
import org.deskplane.print.testing.TestPdf;
import org.deskplane.print.testing.Tools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/**
 * The router with the real PWG Raster converter (org.deskplane.print.raster): the PDF printer is offered to VMs with
 * image/pwg-raster too while the converter is there, and a raster job reaches it as a PDF with the raster's pages.
 */
class RasterConversionTest {
    static final String RASTER = "image/pwg-raster";
    static final PrintingContext DESK = new PrintingContext("lab-host", "0f0e0d0c-0000-4000-8000-0000000000a1",
            "desk-r", "office", "alice");

    @TempDir
    static Path dir;
    static RouterFixture fixture;

    @BeforeAll
    static void setUp() throws Exception {
        fixture = new RouterFixture(dir);
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void thePdfPrinterAcceptsPwgRasterOnlyWhileAConverterIsThere() throws Exception {
        PrintRouter router = fixture.router();
        await("the PDF printer offers " + RASTER, () -> formatsOfPdfPrinter(router).contains(RASTER));
        Bundle converter = fixture.bundle("org.deskplane.print.raster");
        converter.stop();
        try {
            await("the PDF printer no longer offers " + RASTER, () -> !formatsOfPdfPrinter(router).contains(RASTER));
            assertTrue(formatsOfPdfPrinter(router).contains("application/pdf"));
        } finally {
            converter.start();
        }
        await("the PDF printer offers " + RASTER + " again", () -> formatsOfPdfPrinter(router).contains(RASTER));
    }

    @Test
    void aRasterJobIsPrintedAsAPdfWithItsPages() throws Exception {
        PrintRouter router = fixture.router();
        await("the PDF printer offers " + RASTER, () -> formatsOfPdfPrinter(router).contains(RASTER));
        Path original = dir.resolve("three.pdf");
        Files.write(original, TestPdf.withPages(List.of("raster one", "raster two", "raster three")));
        Path raster = dir.resolve("three.pwg");
        Tools.run("gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pwgraster", "-r100", "-dcupsColorSpace=18",
                "-dcupsBitsPerColor=8", "-sOutputFile=" + raster, original.toString());
        byte[] document = Files.readAllBytes(raster);
        String key = "r-" + UUID.randomUUID();
        SpooledJob accepted = router.submit(DESK, PDF_VM_PRINTER, request(key), new ByteArrayInputStream(document),
                document.length);
        assertEquals(RASTER, accepted.request().documentFormat(), "the spool keeps the job as the guest sent it");
        SpooledJob done = awaitEnd(router, key);
        assertEquals(SpoolState.COMPLETED, done.state(), done.reason());
        assertEquals(1, fixture.pdfsFor(key));
        Path printed;
        try (var files = Files.list(fixture.pdfDirectory)) {
            printed = files.filter(f -> f.toString().endsWith(key + ".pdf")).findFirst().orElseThrow();
        }
        assertEquals(3, Tools.pdfPages(printed));
        double[] want = pageSize(original);
        double[] got = pageSize(printed);
        // the raster's whole pixels at 100 dpi give the page size back to within 72/100 of a point
        assertTrue(Math.abs(want[0] - got[0]) < 0.72 && Math.abs(want[1] - got[1]) < 0.72,
                "page size " + got[0] + " x " + got[1] + ", the original's " + want[0] + " x " + want[1]);
        assertEquals(List.of(fixture.spool.resolve("jobs/" + key + ".json")), fixture.spoolFilesFor(key),
                "neither the raster nor its conversion stays once printed");
    }

    @Test
    void aBrokenRasterIsAbortedWithTheReasonAndNothingPrinted() throws Exception {
        PrintRouter router = fixture.router();
        await("the PDF printer offers " + RASTER, () -> formatsOfPdfPrinter(router).contains(RASTER));
        byte[] broken = "RaS2 but then nothing a header could be".getBytes();
        String key = "r-" + UUID.randomUUID();
        router.submit(DESK, PDF_VM_PRINTER, request(key), new ByteArrayInputStream(broken), broken.length);
        SpooledJob done = awaitEnd(router, key);
        assertEquals(SpoolState.ABORTED, done.state());
        assertTrue(done.reason().contains("cannot convert image/pwg-raster"), done.reason());
        assertEquals(0, fixture.pdfsFor(key));
        assertFalse(fixture.spoolFilesFor(key).stream().anyMatch(f -> f.toString().contains("converted")));
    }

    private static double[] pageSize(Path pdf) throws Exception {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Page size:\\s+([\\d.]+) x ([\\d.]+)")
                .matcher(Tools.run("pdfinfo", pdf.toString()));
        assertTrue(m.find(), "pdfinfo shows a page size");
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
    }

    private static PrintJobRequest request(String key) {
        return PrintJobRequest.of(RASTER, "raster-test").withIdempotencyKey(key)
                .withOrigin(new PrintJobRequest.Origin("alice", "desk-r", "cups"));
    }

    private static List<String> formatsOfPdfPrinter(PrintRouter router) {
        try {
            return router.printersFor(DESK).stream().filter(p -> p.id().equals(PDF_VM_PRINTER)).findFirst()
                    .map(VmPrinter::printer).map(p -> p.capabilities().documentFormats()).orElse(List.of());
        } catch (Exception e) {
            return List.of();
        }
    }

    private static SpooledJob awaitEnd(PrintRouter router, String id) throws Exception {
        await("job " + id + " to end", () -> router.job(id).map(j -> j.state().isTerminal()).orElse(false));
        return router.job(id).orElseThrow();
    }
}
