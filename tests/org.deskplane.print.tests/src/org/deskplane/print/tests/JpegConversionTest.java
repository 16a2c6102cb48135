package org.deskplane.print.tests;

import static org.deskplane.print.tests.RouterFixture.PDF_VM_PRINTER;
import static org.deskplane.print.tests.RouterFixture.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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

/**
 * The router with the real JPEG converter (org.deskplane.print.raster): the PDF printer is offered with image/jpeg
 * (IPP Everywhere requires it), and a JPEG job reaches it as a PDF that holds the JPEG unchanged.
 */
class JpegConversionTest {
    static final String JPEG = "image/jpeg";
    static final PrintingContext DESK = new PrintingContext("lab-host", "0f0e0d0c-0000-4000-8000-0000000000a2",
            "desk-j", "office", "alice");

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
    void aJpegJobIsPrintedAsAPdfHoldingTheJpeg() throws Exception {
        PrintRouter router = fixture.router();
        await("the PDF printer offers " + JPEG, () -> formatsOfPdfPrinter(router).contains(JPEG));
        Path original = dir.resolve("photo.pdf");
        Files.write(original, TestPdf.withPages(List.of("a photographed page")));
        Path jpegFile = dir.resolve("photo.jpg");
        Tools.run("gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=jpeg", "-r72", "-sOutputFile=" + jpegFile,
                original.toString());
        byte[] jpeg = Files.readAllBytes(jpegFile);
        String key = "j-" + UUID.randomUUID();
        SpooledJob accepted = router.submit(DESK, PDF_VM_PRINTER, request(key), new ByteArrayInputStream(jpeg),
                jpeg.length);
        assertEquals(JPEG, accepted.request().documentFormat(), "the spool keeps the job as the guest sent it");
        SpooledJob done = awaitEnd(router, key);
        assertEquals(SpoolState.COMPLETED, done.state(), done.reason());
        Path printed;
        try (var files = Files.list(fixture.pdfDirectory)) {
            printed = files.filter(f -> f.toString().endsWith(key + ".pdf")).findFirst().orElseThrow();
        }
        assertEquals(1, Tools.pdfPages(printed));
        Path prefix = dir.resolve("extracted");
        Tools.run("pdfimages", "-j", printed.toString(), prefix.toString());
        assertArrayEquals(jpeg, Files.readAllBytes(Path.of(prefix + "-000.jpg")));
    }

    @Test
    void aTruncatedJpegIsAbortedWithTheReason() throws Exception {
        PrintRouter router = fixture.router();
        await("the PDF printer offers " + JPEG, () -> formatsOfPdfPrinter(router).contains(JPEG));
        Path original = dir.resolve("cut.pdf");
        Files.write(original, TestPdf.withPages(List.of("cut short")));
        Path jpegFile = dir.resolve("cut.jpg");
        Tools.run("gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=jpeg", "-r72", "-sOutputFile=" + jpegFile,
                original.toString());
        byte[] whole = Files.readAllBytes(jpegFile);
        byte[] cut = Arrays.copyOf(whole, whole.length / 2);
        String key = "j-" + UUID.randomUUID();
        router.submit(DESK, PDF_VM_PRINTER, request(key), new ByteArrayInputStream(cut), cut.length);
        SpooledJob done = awaitEnd(router, key);
        assertEquals(SpoolState.ABORTED, done.state());
        assertTrue(done.reason().contains("cannot convert image/jpeg") && done.reason().contains("truncated"),
                done.reason());
        assertEquals(0, fixture.pdfsFor(key));
    }

    private static PrintJobRequest request(String key) {
        return PrintJobRequest.of(JPEG, "jpeg-test").withIdempotencyKey(key)
                .withOrigin(new PrintJobRequest.Origin("alice", "desk-j", "cups"));
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
