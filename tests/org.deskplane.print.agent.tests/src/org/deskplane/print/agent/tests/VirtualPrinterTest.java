package org.deskplane.print.agent.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.deskplane.ipp.IppAttribute;
import org.deskplane.ipp.IppMessage;
import org.deskplane.ipp.IppOperation;
import org.deskplane.ipp.IppStatus;
import org.deskplane.ipp.IppTags;
import org.deskplane.ipp.IppWriter;
import org.deskplane.print.testing.TestPdf;
import org.deskplane.print.testing.Tools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The guest's virtual printer with the real host side behind it (channel over a Unix socket, print bridge, PDF
 * driver): CUPS's own conformance tests, real clients, job states, a channel drop mid-job, malformed requests and
 * a large document.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VirtualPrinterTest {
    private PrintRig rig;
    private IppClient client;

    @BeforeAll
    void start() throws Exception {
        rig = new PrintRig();
        client = new IppClient(rig);
    }

    @AfterAll
    void stop() throws Exception {
        rig.close();
    }

    @Test
    void passesCupsIppConformanceTests() throws Exception {
        Path pdf = rig.dir.resolve("conformance.pdf");
        Files.write(pdf, TestPdf.withPages(List.of("Conformance page one", "Conformance page two")));
        // ipp-2.0.test includes ipp-1.1.test; NOPRINT skips the jobs that need CUPS's sample documents
        String out = Tools.run("ipptool", "-t", "-d", "NOPRINT=1", "-f", pdf.toString(), rig.printerUri(),
                "/usr/share/cups/ipptool/ipp-2.0.test");
        System.out.println(out);
        assertFalse(out.contains("FAIL"), out);
        long passed = out.lines().filter(l -> l.contains("[PASS]")).count();
        // ipp-1.1.test and ipp-2.0.test together run 30 requests against a print-only printer
        assertTrue(passed >= 25, passed + " passed:\n" + out);
    }

    /**
     * CUPS's IPP Everywhere conformance file, with PWG Raster sample documents made by Ghostscript (cups-ipp-utils
     * ships the test but not its sample files; ipptool skips the prints whose file is missing). The PDF printer
     * behind the virtual printer takes PWG Raster through the converter.
     */
    @Test
    void passesCupsIppEverywhereTests() throws Exception {
        Path suite = Files.createDirectories(rig.dir.resolve("everywhere"));
        // without its INCLUDE of ipp-2.0.test (run above): that one stops the run at a sample PDF CUPS does not ship
        Files.writeString(suite.resolve("ipp-everywhere.test"), Files.readString(
                Path.of("/usr/share/cups/ipptool/ipp-everywhere.test")).replace("INCLUDE \"ipp-2.0.test\"", ""));
        Path source = rig.dir.resolve("everywhere.pdf");
        Files.write(source, TestPdf.withPages(List.of("IPP Everywhere page one", "page two", "page three")));
        Set<Path> before = pdfs();
        // the samples this printer is offered (300 dpi, sgray_8 and black_1), made from our PDF by Ghostscript
        int samples = 0;
        for (String type : List.of("sgray-8", "black-1")) {
            Path folder = Files.createDirectories(suite.resolve("pwg-raster-samples-300dpi").resolve(type));
            String space = type.equals("sgray-8") ? "18" : "3";
            String bits = type.equals("sgray-8") ? "8" : "1";
            String[] a4 = {"-sPAPERSIZE=a4", "-sPAPERSIZE=a4"};
            String[] letter = {"-sPAPERSIZE=letter", "-sPAPERSIZE=letter"};
            String[] photo = {"-dDEVICEWIDTHPOINTS=288", "-dDEVICEHEIGHTPOINTS=432"}; // 4x6 inches
            for (Object[] doc : new Object[][] {{"onepage-a4", a4, 1}, {"document-a4", a4, 3},
                    {"onepage-letter", letter, 1}, {"document-letter", letter, 3}, {"color.jpg-4x6", photo, 1},
                    {"gray.jpg-4x6", photo, 1}}) {
                String[] size = (String[]) doc[1];
                Tools.run("gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pwgraster", "-r300",
                        "-dcupsColorSpace=" + space, "-dcupsBitsPerColor=" + bits, size[0], size[1],
                        "-dFIXEDMEDIA", "-dPDFFitPage", "-dLastPage=" + doc[2],
                        "-sOutputFile=" + folder.resolve(doc[0] + "-" + type + "-300dpi.pwg"), source.toString());
                samples++;
            }
        }
        // this ipptool reads every FILE before it looks at SKIP-IF-NOT-DEFINED: the other resolutions and types
        // (skipped, as the printer does not offer them) get empty stand-ins
        java.util.regex.Matcher files = java.util.regex.Pattern.compile("(?m)^\\s*FILE (\\S+)")
                .matcher(Files.readString(suite.resolve("ipp-everywhere.test")));
        while (files.find()) {
            Path file = suite.resolve(files.group(1));
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Files.createFile(file);
            }
        }
        String out = runToEnd(suite, "ipptool", "-t", "-I", rig.printerUri(),
                suite.resolve("ipp-everywhere.test").toString());
        System.out.println(out);
        long printed = out.lines().filter(l -> l.contains("Print ") && l.contains("300dpi") && l.contains("[PASS]"))
                .count();
        assertEquals(samples, printed, "every PWG Raster sample printed:\n" + out);
        // every group passes, the PWG 5100.14 required operations and attributes included
        assertEquals(List.of(), out.lines().filter(l -> l.contains("[FAIL]")).map(l -> l.replace("[FAIL]", "").trim())
                .toList(), out);
        assertTrue(out.lines().anyMatch(l -> l.contains("Required Operations and Attributes") && l.contains("[PASS]")),
                out);
        int expected = samples;
        PrintRig.await(expected + " raster jobs reach the PDF printer", () -> pdfs().size() - before.size() >= expected);
    }

    /**
     * A guest's CUPS may send a job in the second after the agent started, before the host has said which printers
     * there are: the printer must answer "try again" (which CUPS's ipp backend retries), never "not found" (which
     * stops the guest queue for good).
     */
    /**
     * The IPP port is held by someone else when the printer starts (another program, or an outgoing connection that
     * the kernel happened to give that port): the printer does not fail for good but takes the port once it is free.
     */
    @Test
    void aPortBusyAtStartIsTakenOnceFree() throws Exception {
        org.osgi.framework.Bundle printAgent = java.util.Arrays.stream(rig.context.getBundles())
                .filter(b -> b.getSymbolicName().equals("org.deskplane.print.agent")).findFirst().orElseThrow();
        printAgent.stop();
        try (java.net.ServerSocket holder = new java.net.ServerSocket()) {
            holder.bind(new java.net.InetSocketAddress("127.0.0.1", rig.port));
            printAgent.start();
        }
        PrintRig.await("the printer listens once its port is free", () -> client.printerAttributes(rig.printerId()).ok());
    }

    /**
     * Once the printer bundle has stopped, its port is free at once: a restart, or another program, can take it.
     * (An acceptor thread still blocked in accept() kept the listening socket alive for a moment after close.)
     */
    @Test
    void aStoppedPrinterFreesItsPortAtOnce() throws Exception {
        org.osgi.framework.Bundle printAgent = java.util.Arrays.stream(rig.context.getBundles())
                .filter(b -> b.getSymbolicName().equals("org.deskplane.print.agent")).findFirst().orElseThrow();
        // busy threads, as on a loaded machine: the window in which the old socket lingers is widest then
        java.util.concurrent.atomic.AtomicBoolean spinning = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<Thread> load = new java.util.ArrayList<>();
        for (int i = 0; i < 2 * Runtime.getRuntime().availableProcessors(); i++) {
            load.add(Thread.ofPlatform().daemon().start(() -> {
                long x = 0;
                while (spinning.get()) {
                    x += System.nanoTime() % 7;
                }
                if (x == 42) {
                    System.out.print("");
                }
            }));
        }
        try {
            for (int i = 0; i < 20; i++) {
                printAgent.stop();
                try (java.net.ServerSocket holder = new java.net.ServerSocket()) {
                    holder.bind(new java.net.InetSocketAddress("127.0.0.1", rig.port));
                } finally {
                    printAgent.start();
                }
                PrintRig.await("the printer listens again", () -> client.printerAttributes(rig.printerId()).ok());
            }
        } finally {
            spinning.set(false);
            for (Thread thread : load) {
                thread.join();
            }
        }
    }

    @Test
    void beforeTheHostHasAnsweredAPrinterIsUnavailableNotMissing() throws Exception {
        String id = rig.printerId();
        org.osgi.framework.Bundle printAgent = java.util.Arrays.stream(rig.context.getBundles())
                .filter(b -> b.getSymbolicName().equals("org.deskplane.print.agent")).findFirst().orElseThrow();
        rig.stopAgent();
        try {
            printAgent.stop(); // a fresh start of the guest side, with no host to ask
            printAgent.start();
            PrintRig.await("the restarted virtual printer answers, and says to try again",
                    () -> client.printerAttributes(id).status() == 0x0502);
        } finally {
            rig.startAgent();
        }
        PrintRig.await("once the host is reached the printer is offered", () -> client.printerAttributes(id).ok());
    }

    /**
     * The host's printers change (a printer removed, then back): the host's PRINTERS_CHANGED event reaches the guest
     * over the channel and its virtual printers follow, with no restart. Only the event can remove a printer the
     * guest already knows: its periodic refresh asks again only while it has none.
     */
    @Test
    void hostPrinterChangesReachTheGuestWithoutRestart() throws Exception {
        String id = "pdf.pdf";
        assertTrue(client.printerAttributes(id).ok(), "the guest offers the host's PDF printer");
        org.osgi.service.event.EventAdmin events = rig.service(org.osgi.service.event.EventAdmin.class, null);
        try {
            rig.router.offerNothing = true;
            events.postEvent(new org.osgi.service.event.Event(org.deskplane.print.api.PrintEvents.PRINTERS_CHANGED,
                    java.util.Map.of(org.deskplane.print.api.PrintEvents.DRIVER, "pdf",
                            org.deskplane.print.api.PrintEvents.REMOVED, new String[] { "pdf" })));
            PrintRig.await("the guest drops the removed printer", () -> client.printerAttributes(id).status() == 0x0406);
        } finally {
            rig.router.offerNothing = false;
        }
        events.postEvent(new org.osgi.service.event.Event(org.deskplane.print.api.PrintEvents.PRINTERS_CHANGED,
                java.util.Map.of(org.deskplane.print.api.PrintEvents.DRIVER, "pdf",
                        org.deskplane.print.api.PrintEvents.ADDED, new String[] { "pdf" })));
        PrintRig.await("the guest offers the printer again", () -> client.printerAttributes(id).ok());
    }

    @Test
    void printerIconIsServedOverHttp() throws Exception {
        IppClient.Result attributes = client.send(client.request(IppOperation.GET_PRINTER_ATTRIBUTES).build());
        String icon = attributes.printer("printer-icons").orElseThrow().stringValue();
        java.net.http.HttpResponse<byte[]> got = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(icon)).timeout(java.time.Duration.ofSeconds(30))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, got.statusCode());
        assertEquals("image/png", got.headers().firstValue("content-type").orElse(""));
        byte[] png = got.body();
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, Arrays.copyOf(png, 8));
        // IHDR: width and height, big-endian, at bytes 16 and 20
        assertEquals(128, java.nio.ByteBuffer.wrap(png, 16, 4).getInt());
        assertEquals(128, java.nio.ByteBuffer.wrap(png, 20, 4).getInt());
    }

    @Test
    void identifyPrinterAndCancelMyJobs() throws Exception {
        assertTrue(client.send(client.request(IppOperation.IDENTIFY_PRINTER)
                .add(IppAttribute.keyword("identify-actions", "display")).build()).ok());
        // two jobs of bob's (the client's user) and one of alice's, all waiting for their documents
        int bob1 = client.send(client.request(IppOperation.CREATE_JOB).build()).job("job-id").orElseThrow().intValue(0);
        int bob2 = client.send(client.request(IppOperation.CREATE_JOB).build()).job("job-id").orElseThrow().intValue(0);
        int alice = client.send(IppMessage.request(IppOperation.CREATE_JOB, 77).add(IppAttribute.uri("printer-uri",
                rig.printerUri()), IppAttribute.name("requesting-user-name", "alice")).build()).job("job-id")
                .orElseThrow().intValue(0);
        IppClient.Result cancelled = client.send(client.request(0x0039).build()); // Cancel-My-Jobs
        assertTrue(cancelled.ok(), () -> IppStatus.name(cancelled.status()));
        assertEquals(7, client.jobAttributes(bob1).job("job-state").orElseThrow().intValue(0));
        assertEquals(7, client.jobAttributes(bob2).job("job-state").orElseThrow().intValue(0));
        assertEquals(3, client.jobAttributes(alice).job("job-state").orElseThrow().intValue(0), "alice's job stays");
        // naming someone else's job is refused
        assertEquals(IppStatus.CLIENT_ERROR_NOT_POSSIBLE, client.send(client.request(0x0039)
                .add(IppAttribute.integer("job-ids", alice)).build()).status());
        assertTrue(client.send(client.request(IppOperation.CANCEL_JOB).add(IppAttribute.integer("job-id", alice))
                .build()).ok());
    }

    @Test
    void mediaColIsCheckedLikeMedia() throws Exception {
        IppClient.Result a4 = client.send(client.request(IppOperation.VALIDATE_JOB)
                .add(IppAttribute.bool("ipp-attribute-fidelity", true))
                .group(IppTags.JOB_ATTRIBUTES).add(mediaCol(21000, 29700)).build());
        assertTrue(a4.ok(), () -> IppStatus.name(a4.status()));
        IppClient.Result tiny = client.send(client.request(IppOperation.VALIDATE_JOB)
                .add(IppAttribute.bool("ipp-attribute-fidelity", true))
                .group(IppTags.JOB_ATTRIBUTES).add(mediaCol(2540, 2540)).build());
        assertEquals(IppStatus.CLIENT_ERROR_ATTRIBUTES_OR_VALUES_NOT_SUPPORTED, tiny.status());
    }

    private static IppAttribute mediaCol(int x, int y) {
        return IppAttribute.collection("media-col", IppAttribute.collection("media-size",
                IppAttribute.integer("x-dimension", x), IppAttribute.integer("y-dimension", y)));
    }

    /** IPP Everywhere's JPEG: a JPEG made by Ghostscript reaches the PDF printer inside a PDF, byte for byte. */
    @Test
    void jpegIsPrintedThroughTheConverter() throws Exception {
        Path source = rig.dir.resolve("photo.pdf");
        Files.write(source, TestPdf.withPages(List.of("A photo of a page")));
        Path jpegFile = rig.dir.resolve("photo.jpg");
        Tools.run("gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=jpeg", "-r50", "-sOutputFile=" + jpegFile,
                source.toString());
        byte[] jpeg = Files.readAllBytes(jpegFile);
        for (String format : List.of("image/jpeg", "application/octet-stream")) {
            Set<Path> before = pdfs();
            IppClient.Result printed = client.send(client.request(IppOperation.PRINT_JOB)
                    .add(IppAttribute.mimeType("document-format", format)).build(), new ByteArrayInputStream(jpeg), 0,
                    null);
            assertTrue(printed.ok(), () -> format + ": " + IppStatus.name(printed.status()));
            Path pdf = awaitNewPdf(before);
            Path prefix = rig.dir.resolve("extracted-" + System.nanoTime());
            Tools.run("pdfimages", "-j", pdf.toString(), prefix.toString());
            assertEquals(sha256(jpeg), sha256(Files.readAllBytes(Path.of(prefix + "-000.jpg"))), format);
        }
    }

    @Test
    void pdfPrintedWithIpptoolComesOutWithTheSameText() throws Exception {
        Path pdf = rig.dir.resolve("ipptool-job.pdf");
        Files.write(pdf, TestPdf.withPages(List.of("Quarterly report", "Printed from the guest")));
        Set<Path> before = pdfs();
        Tools.run("ipptool", "-t", "-f", pdf.toString(), rig.printerUri(), "/usr/share/cups/ipptool/print-job.test");
        Path printed = awaitNewPdf(before);
        assertEquals(Tools.pdfText(pdf), Tools.pdfText(printed));
    }

    @Test
    void pdfPrintedWithLpComesOutWithTheSameText() throws Exception {
        Path pdf = rig.dir.resolve("lp-job.pdf");
        Files.write(pdf, TestPdf.withPages(List.of("Printed with lp", "through the virtual printer")));
        Set<Path> before = pdfs();
        Tools.run("lp", "-h", "127.0.0.1:" + rig.port, "-d", rig.printerId(), pdf.toString());
        Path printed = awaitNewPdf(before);
        assertEquals(Tools.pdfText(pdf), Tools.pdfText(printed));
    }

    @Test
    void clientSeesJobStatesFromTheHost() throws Exception {
        byte[] pdf = TestPdf.withPages(List.of("state test"));
        IppClient.Result printed = client.send(client.request(IppOperation.PRINT_JOB)
                .add(IppAttribute.mimeType("document-format", "application/pdf")).build(), new ByteArrayInputStream(pdf),
                0, null);
        assertTrue(printed.ok(), () -> IppStatus.name(printed.status()));
        int jobId = printed.job("job-id").orElseThrow().intValue(0);
        PrintRig.await("job " + jobId + " completed", () -> client.jobAttributes(jobId).job("job-state")
                .orElseThrow().intValue(0) == 9);
        IppClient.Result done = client.jobAttributes(jobId);
        assertEquals("job-completed-successfully", done.job("job-state-reasons").orElseThrow().stringValue());
        assertEquals(IppStatus.CLIENT_ERROR_NOT_POSSIBLE, client.send(client.request(IppOperation.CANCEL_JOB)
                .add(IppAttribute.integer("job-id", jobId)).build()).status());

        // refused by the host printer for good: aborted, with the host's reason
        byte[] notPdf = "this is not a PDF at all".getBytes(StandardCharsets.US_ASCII);
        IppClient.Result refused = client.send(client.request(IppOperation.PRINT_JOB)
                .add(IppAttribute.mimeType("document-format", "application/pdf")).build(),
                new ByteArrayInputStream(notPdf), 0, null);
        int refusedId = refused.job("job-id").orElseThrow().intValue(0);
        PrintRig.await("job " + refusedId + " aborted", () -> client.jobAttributes(refusedId).job("job-state")
                .orElseThrow().intValue(0) == 8);
        assertTrue(client.jobAttributes(refusedId).job("job-state-message").orElseThrow().stringValue().contains("PDF"));

        // cancelled before any document: the job ends here, the host never sees it
        IppClient.Result created = client.send(client.request(IppOperation.CREATE_JOB).build());
        int createdId = created.job("job-id").orElseThrow().intValue(0);
        assertEquals(3, created.job("job-state").orElseThrow().intValue(0));
        assertTrue(client.send(client.request(IppOperation.CANCEL_JOB).add(IppAttribute.integer("job-id", createdId))
                .build()).ok());
        assertEquals(7, client.jobAttributes(createdId).job("job-state").orElseThrow().intValue(0));
    }

    @Test
    void channelKilledMidJobIsResentAndPrintedOnce() throws Exception {
        byte[] pdf = TestPdf.withPages(List.of("Survives a channel drop", "second page", "third page"));
        // pad the document so that it is well under way when the channel dies
        byte[] padded = padded(pdf, 3 << 20);
        int printedBefore = rig.router.printed.get();
        Set<Path> before = pdfs();
        IppClient.Result answer = client.send(client.request(IppOperation.PRINT_JOB)
                .add(IppAttribute.mimeType("document-format", "application/pdf")).build(),
                new ByteArrayInputStream(padded), 1 << 20, rig::stopAgent);
        assertTrue(answer.ok(), () -> IppStatus.name(answer.status()));
        int jobId = answer.job("job-id").orElseThrow().intValue(0);
        assertEquals(3, answer.job("job-state").orElseThrow().intValue(0), "pending while the host is away");
        assertTrue(Files.list(rig.spoolDir).anyMatch(p -> p.toString().endsWith(".doc")), "kept in the guest spool");

        rig.startAgent();
        PrintRig.await("job " + jobId + " completed after the resend",
                () -> client.jobAttributes(jobId).job("job-state").orElseThrow().intValue(0) == 9);
        Path printed = awaitNewPdf(before);
        assertEquals(sha256(padded), sha256(Files.readAllBytes(printed)));
        assertEquals(printedBefore + 1, rig.router.printed.get(), "printed exactly once");
        PrintRig.await("the spool copy is deleted", () -> {
            try (Stream<Path> files = Files.list(rig.spoolDir)) {
                return files.noneMatch(p -> p.toString().endsWith(".doc"));
            }
        });
    }

    @Test
    void malformedRequestsGetClearIppErrors() throws Exception {
        // garbage that ends inside the header
        assertEquals(IppStatus.CLIENT_ERROR_BAD_REQUEST, client.sendRaw(new byte[] {2, 0, 0, 11, 0, 0}).status());
        // unsupported version
        byte[] v3 = IppWriter.toBytes(client.request(IppOperation.GET_PRINTER_ATTRIBUTES).version(3, 0).build());
        assertEquals(IppStatus.SERVER_ERROR_VERSION_NOT_SUPPORTED, client.sendRaw(v3).status());
        // request id 0
        assertEquals(IppStatus.CLIENT_ERROR_BAD_REQUEST, client.send(IppMessage.request(IppOperation.GET_PRINTER_ATTRIBUTES, 0)
                .add(IppAttribute.uri("printer-uri", rig.printerUri())).build()).status());
        // a value length that runs past the end
        byte[] valid = IppWriter.toBytes(client.request(IppOperation.GET_PRINTER_ATTRIBUTES).build());
        byte[] lying = valid.clone();
        lying[lying.length - 3] = 0x7F; // the last value's length, now far too large
        assertEquals(IppStatus.CLIENT_ERROR_BAD_REQUEST, client.sendRaw(java.util.Arrays.copyOf(lying, lying.length - 1))
                .status());
        // an operation a printer does not do
        assertEquals(IppStatus.SERVER_ERROR_OPERATION_NOT_SUPPORTED, client.send(client.request(0x0003).build()).status());
        // a printer that does not exist
        assertEquals(IppStatus.CLIENT_ERROR_NOT_FOUND, client.send(IppMessage.request(IppOperation.GET_PRINTER_ATTRIBUTES, 7)
                .add(IppAttribute.uri("printer-uri", "ipp://127.0.0.1:" + rig.port + "/ipp/print/nope")).build()).status());
        // a format the host printer does not take
        assertEquals(IppStatus.CLIENT_ERROR_DOCUMENT_FORMAT_NOT_SUPPORTED, client.send(client.request(IppOperation.PRINT_JOB)
                .add(IppAttribute.mimeType("document-format", "text/plain")).build()).status());
        // and the printer still answers
        assertTrue(client.printerAttributes(rig.printerId()).ok());
    }

    @Test
    void fiftyMebibyteDocumentIsStreamedNotBuffered() throws Exception {
        byte[] pdf = TestPdf.withPages(List.of("A large document"));
        long size = 50L << 20;
        long[] heapMidway = new long[1];
        long baseline = usedHeapAfterGc();
        Set<Path> before = pdfs();
        IppClient.Result answer = client.send(client.request(IppOperation.PRINT_JOB)
                .add(IppAttribute.mimeType("document-format", "application/pdf")).build(), paddedStream(pdf, size),
                40L << 20, () -> heapMidway[0] = usedHeapAfterGc());
        assertTrue(answer.ok(), () -> IppStatus.name(answer.status()));
        Path printed = awaitNewPdf(before);
        assertEquals(size, Files.size(printed));
        // 40 MiB of the document have passed through guest and host by then; buffering would show
        assertTrue(heapMidway[0] - baseline < 16L << 20, "heap grew by " + ((heapMidway[0] - baseline) >> 20) + " MiB");
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The PDF with a comment inserted before its final %%EOF-terminated trailer, {@code size} bytes in all. */
    static byte[] padded(byte[] pdf, int size) throws Exception {
        return paddedStream(pdf, size).readAllBytes();
    }

    /** The PDF's objects, a long comment line of filler, then the rest: still a PDF ending in %%EOF. */
    static InputStream paddedStream(byte[] pdf, long size) {
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        int cut = text.indexOf("xref");
        byte[] head = text.substring(0, cut).getBytes(StandardCharsets.ISO_8859_1);
        byte[] tail = text.substring(cut).getBytes(StandardCharsets.ISO_8859_1);
        // the xref offsets stay right: the filler sits after every object and before the table,
        // so only startxref moves; PDF readers recover from that, pdftotext included
        long filler = size - head.length - tail.length;
        InputStream fill = new InputStream() {
            long left = filler;

            @Override
            public int read() {
                if (left <= 0) {
                    return -1;
                }
                return left-- == filler ? '%' : left == 0 ? '\n' : 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                for (int i = 0; i < n; i++) {
                    b[off + i] = (byte) read();
                }
                return n;
            }
        };
        return new SequenceInputStream(new ByteArrayInputStream(head), new SequenceInputStream(fill,
                new ByteArrayInputStream(tail)));
    }

    /** Runs a tool that may exit non-zero (ipptool does when a test fails) and returns what it printed. */
    private static String runToEnd(Path directory, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", command) + "\n" + out);
        }
        return out;
    }

    private Set<Path> pdfs() throws Exception {
        try (Stream<Path> files = Files.list(rig.pdfDir)) {
            return new HashSet<>(files.filter(p -> p.toString().endsWith(".pdf")).toList());
        }
    }

    private Path awaitNewPdf(Set<Path> before) throws Exception {
        Path[] found = new Path[1];
        PrintRig.await("a new PDF in " + rig.pdfDir, () -> {
            Set<Path> now = pdfs();
            now.removeAll(before);
            if (now.size() == 1) {
                found[0] = now.iterator().next();
                return true;
            }
            return false;
        });
        return found[0];
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
