package org.deskplane.print.pdf.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.junit.jupiter.api.Assumptions;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.deskplane.print.api.HostPrinter;
import org.deskplane.print.api.PrintException;
import org.deskplane.print.api.PrintJobHandle;
import org.deskplane.print.api.PrintJobRequest;
import org.deskplane.print.api.PrintJobState;
import org.deskplane.print.api.PrintOptions;
import org.deskplane.print.pdf.internal.PdfDirectoryPrinter;
import org.deskplane.print.testing.TestPdf;
import org.deskplane.print.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PdfDirectoryPrinterTest {

    @TempDir
    Path dir;

    private PdfDirectoryPrinter printer(Path directory, long reserveBytes) {
        return new PdfDirectoryPrinter("pdf", "pdf", "PDF files", "here", directory, reserveBytes, 1L << 30);
    }

    /** A document that is large enough to be written in several blocks (64 KiB each). */
    private static byte[] bigPdf() {
        List<String> pages = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            pages.add("Page number " + i + " of a long document");
        }
        return TestPdf.withPages(pages);
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Runs {@code action} once, when the reader has taken half of {@code bytes}. */
    private static InputStream pausingHalfWay(byte[] bytes, IoAction action) {
        return new InputStream() {
            int position;
            boolean done;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (!done && position >= bytes.length / 2) {
                    done = true;
                    action.run();
                }
                if (position >= bytes.length) {
                    return -1;
                }
                int n = Math.min(len, Math.min(bytes.length - position, 4096));
                System.arraycopy(bytes, position, b, off, n);
                position += n;
                return n;
            }
        };
    }

    interface IoAction {
        void run() throws IOException;
    }

    @Test
    void aJobIsWrittenAtomicallyWithItsBytesUnchanged() throws Exception {
        PdfDirectoryPrinter printer = printer(dir, 0);
        byte[] pdf = bigPdf();
        List<List<String>> seenWhileWriting = new ArrayList<>();
        PrintJobRequest request = PrintJobRequest.of("application/pdf", "Quarterly report (final)");

        PrintJobHandle job = printer.submit("pdf", request,
                pausingHalfWay(pdf, () -> seenWhileWriting.add(listing(dir))));

        List<String> during = seenWhileWriting.get(0);
        assertEquals(1, during.size(), during.toString());
        assertTrue(during.get(0).startsWith(".") && during.get(0).endsWith(".part"), "only a hidden temp file while writing: " + during);
        assertEquals(List.of(job.jobId()), listing(dir), "the temp file is renamed into place");
        assertEquals("Quarterly_report_final_--" + request.idempotencyKey() + ".pdf", job.jobId());
        assertArrayEquals(pdf, Files.readAllBytes(dir.resolve(job.jobId())));
        assertEquals(3000, Tools.pdfPages(dir.resolve(job.jobId())));
        assertEquals(PrintJobState.COMPLETED, printer.status(job).state());
    }

    @Test
    void aJobIsFoundByItsKeyAfterARestart() throws Exception {
        PrintJobRequest request = PrintJobRequest.of("application/pdf", "restart");
        PrintJobHandle job = printer(dir, 0).submit("pdf", request, new ByteArrayInputStream(TestPdf.withPages(List.of("a"))));
        PdfDirectoryPrinter restarted = printer(dir, 0);
        assertEquals(Optional.of(job), restarted.findJob("pdf", request.idempotencyKey()));
        assertEquals(PrintJobState.COMPLETED, restarted.status(job).state());
        assertEquals(Optional.empty(), restarted.findJob("pdf", "never-submitted"));
        PrintException again = assertThrows(PrintException.class,
                () -> restarted.submit("pdf", request, new ByteArrayInputStream(TestPdf.withPages(List.of("a")))));
        assertEquals(PrintException.Kind.INVALID, again.kind());
    }

    @Test
    void aJobCancelledWhileWritingLeavesNothing() throws Exception {
        PdfDirectoryPrinter printer = printer(dir, 0);
        PrintJobRequest request = PrintJobRequest.of("application/pdf", "cancelled");
        PrintJobHandle job = printer.submit("pdf", request, pausingHalfWay(bigPdf(), () -> {
            try {
                printer.cancel(printer.findJob("pdf", request.idempotencyKey()).orElseThrow());
            } catch (PrintException e) {
                throw new IOException(e);
            }
        }));
        assertEquals(PrintJobState.CANCELLED, printer.status(job).state());
        assertEquals(List.of(), listing(dir));
    }

    @Test
    void anythingButPdfIsRefusedWithAReason() throws Exception {
        PdfDirectoryPrinter printer = printer(dir, 0);
        PrintException format = assertThrows(PrintException.class, () -> printer.submit("pdf",
                PrintJobRequest.of("text/plain", "t"), new ByteArrayInputStream("hello".getBytes())));
        assertEquals(PrintException.Kind.UNSUPPORTED, format.kind());
        assertTrue(format.getMessage().contains("only application/pdf"), format.getMessage());

        PrintException content = assertThrows(PrintException.class, () -> printer.submit("pdf",
                PrintJobRequest.of("application/pdf", "t"), new ByteArrayInputStream("hello, not a PDF".getBytes())));
        assertEquals(PrintException.Kind.INVALID, content.kind());
        assertTrue(content.getMessage().contains("%PDF-"), content.getMessage());

        byte[] pdf = TestPdf.withPages(List.of("cut short"));
        byte[] truncated = java.util.Arrays.copyOf(pdf, pdf.length - 20);
        PrintException cut = assertThrows(PrintException.class, () -> printer.submit("pdf",
                PrintJobRequest.of("application/pdf", "t"), new ByteArrayInputStream(truncated)));
        assertEquals(PrintException.Kind.INVALID, cut.kind());
        assertTrue(cut.getMessage().contains("truncated"), cut.getMessage());

        PrintException hold = assertThrows(PrintException.class, () -> printer.submit("pdf",
                PrintJobRequest.of("application/pdf", "t").withOptions(PrintOptions.DEFAULTS.withHold(true)),
                new ByteArrayInputStream(pdf)));
        assertEquals(PrintException.Kind.UNSUPPORTED, hold.kind());
        assertEquals(List.of(), listing(dir), "nothing written for refused jobs");
    }

    @Test
    void anUnwritableDirectoryIsAClearStorageError() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        PdfDirectoryPrinter printer = printer(notADirectory, 0);
        HostPrinter described = printer.describe();
        assertEquals(HostPrinter.PrinterState.STOPPED, described.state());
        assertFalse(described.acceptingJobs());
        PrintException e = assertThrows(PrintException.class, () -> printer.submit("pdf",
                PrintJobRequest.of("application/pdf", "t"), new ByteArrayInputStream(TestPdf.withPages(List.of("a")))));
        assertEquals(PrintException.Kind.STORAGE, e.kind());
        assertTrue(e.getMessage().contains(notADirectory.toString()), e.getMessage());
    }

    @Test
    void aDirectoryBelowItsFreeSpaceReserveRefusesJobs() throws Exception {
        PdfDirectoryPrinter printer = printer(dir, Long.MAX_VALUE);
        assertEquals(List.of("spool-area-full"), printer.describe().stateReasons());
        PrintException e = assertThrows(PrintException.class, () -> printer.submit("pdf",
                PrintJobRequest.of("application/pdf", "t"), new ByteArrayInputStream(TestPdf.withPages(List.of("a")))));
        assertEquals(PrintException.Kind.STORAGE, e.kind());
        assertTrue(e.getMessage().contains("spool-area-full"), e.getMessage());
    }

    @Test
    void aFileSystemThatFillsUpIsAClearStorageErrorAndLeavesNothing() throws Exception {
        Path small = Files.createDirectories(dir.resolve("small"));
        boolean mounted;
        try {
            Tools.run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", small.toString());
            mounted = true;
        } catch (IOException e) {
            mounted = false;
        }
        if (!mounted) {
            Assumptions.abort("needs root to mount a 64 KiB tmpfs");
        }
        try {
            PdfDirectoryPrinter printer = printer(small, 0);
            PrintException e = assertThrows(PrintException.class, () -> printer.submit("pdf",
                    PrintJobRequest.of("application/pdf", "big"), new ByteArrayInputStream(bigPdf())));
            assertEquals(PrintException.Kind.STORAGE, e.kind());
            assertTrue(e.getMessage().contains("no space left"), e.getMessage());
            assertEquals(List.of(), listing(small));
        } finally {
            Tools.run("umount", small.toString());
        }
    }
}
