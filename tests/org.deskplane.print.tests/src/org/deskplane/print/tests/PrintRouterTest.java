package org.deskplane.print.tests;

import static org.deskplane.print.tests.RouterFixture.PDF_VM_PRINTER;
import static org.deskplane.print.tests.RouterFixture.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.deskplane.print.api.PrintException;
import org.deskplane.print.api.PrintJobRequest;
import org.deskplane.print.api.PrintOptions;
import org.deskplane.print.api.PrinterDriver;
import org.deskplane.print.routing.PrintRouter;
import org.deskplane.print.routing.PrintingContext;
import org.deskplane.print.routing.RoutingEvents;
import org.deskplane.print.routing.SpoolState;
import org.deskplane.print.routing.SpooledJob;
import org.deskplane.print.routing.VmPrinter;
import org.deskplane.print.testing.RealCups;
import org.deskplane.print.testing.TestPdf;
import org.deskplane.print.testing.Tools;
import org.deskplane.security.api.AuditEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * The router with the real PDF directory driver and the host's real CUPS (an ippeveprinter queue): durable spool,
 * exactly-once printing across router and driver restarts, idempotent keys, policy denial, concurrency.
 */
class PrintRouterTest {

    @TempDir
    static Path dir;
    static RouterFixture fixture;
    static RealCups cups;
    static final PrintingContext DESK = new PrintingContext("lab-host", "0f0e0d0c-0000-4000-8000-000000000001",
            "desk-1", "office", "alice");

    @BeforeAll
    static void setUp() throws Exception {
        cups = RealCups.start(dir.resolve("cups"));
        fixture = new RouterFixture(dir);
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
        if (cups != null) {
            cups.close();
        }
    }

    private static String key() {
        return "t-" + UUID.randomUUID();
    }

    private static PrintJobRequest pdfRequest(String key) {
        return PrintJobRequest.of("application/pdf", "router-test").withIdempotencyKey(key)
                .withOrigin(new PrintJobRequest.Origin("alice", "desk-1", "writer"));
    }

    private static SpooledJob awaitEnd(PrintRouter router, String id) throws Exception {
        await("job " + id + " to end", () -> router.job(id).map(j -> j.state().isTerminal()).orElse(false));
        return router.job(id).orElseThrow();
    }

    private static String cupsVmPrinter() {
        return "cups." + cups.queue.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    @Test
    void aJobIsSpooledPrintedOnceAuditedAndItsDocumentRemoved() throws Exception {
        PrintRouter router = fixture.router();
        BlockingQueue<Event> events = listen(RoutingEvents.JOB_CHANGED);
        byte[] pdf = TestPdf.withPages(List.of("routed page one", "routed page two"));
        String key = key();
        SpooledJob accepted = router.submit(DESK, PDF_VM_PRINTER, pdfRequest(key), new ByteArrayInputStream(pdf), pdf.length);
        assertEquals(key, accepted.id());
        assertEquals(pdf.length, accepted.bytes());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf)), accepted.sha256());

        SpooledJob done = awaitEnd(router, key);
        assertEquals(SpoolState.COMPLETED, done.state(), done.reason());
        assertEquals(1, fixture.pdfsFor(key));
        Path printed;
        try (Stream<Path> files = Files.list(fixture.pdfDirectory)) {
            printed = files.filter(f -> f.toString().endsWith(key + ".pdf")).findFirst().orElseThrow();
        }
        assertArrayEquals(pdf, Files.readAllBytes(printed));
        assertEquals(List.of("routed page one", "routed page two"), Tools.pdfText(printed));
        assertEquals(List.of(fixture.spool.resolve("jobs/" + key + ".json")), fixture.spoolFilesFor(key),
                "only the record stays once printed");

        await("the job's audit record", () -> fixture.audit.stream().anyMatch(e -> e.detail().contains("job=" + key)));
        AuditEvent audit = fixture.audit.stream().filter(e -> e.detail().contains("job=" + key)).findFirst().orElseThrow();
        assertEquals("alice", audit.actor());
        assertEquals("print.job", audit.action());
        assertEquals(AuditEvent.Result.SUCCESS, audit.result());
        assertTrue(audit.detail().contains("application=writer") && audit.detail().contains("bytes=" + pdf.length)
                && audit.detail().contains("printer=pdf/") && audit.detail().contains("vm=" + DESK.vmKey()),
                audit.detail());
        List<String> states = new ArrayList<>();
        await("JOB_CHANGED up to COMPLETED", () -> {
            Event e;
            while ((e = events.poll()) != null) {
                if (key.equals(e.getProperty(RoutingEvents.JOB))) {
                    states.add((String) e.getProperty(RoutingEvents.STATE));
                }
            }
            return states.contains("COMPLETED");
        });
        assertEquals("SPOOLED", states.get(0), states.toString());
        assertTrue(states.contains("PRINTING"), states.toString());
    }

    @Test
    void theSameKeyTwiceIsOneJob() throws Exception {
        PrintRouter router = fixture.router();
        byte[] pdf = TestPdf.withPages(List.of("only once"));
        String key = key();
        SpooledJob first = router.submit(DESK, PDF_VM_PRINTER, pdfRequest(key), new ByteArrayInputStream(pdf), -1);
        SpooledJob second = router.submit(DESK, PDF_VM_PRINTER, pdfRequest(key), new ByteArrayInputStream(pdf), -1);
        assertEquals(first.id(), second.id());
        assertEquals(first.created(), second.created());
        assertEquals(SpoolState.COMPLETED, awaitEnd(router, key).state());
        SpooledJob third = router.submit(DESK, PDF_VM_PRINTER, pdfRequest(key), new ByteArrayInputStream(pdf), -1);
        assertEquals(SpoolState.COMPLETED, third.state());
        assertEquals(1, fixture.pdfsFor(key));
        assertEquals(1, router.jobs(DESK.vmKey(), 10_000).stream().filter(j -> j.id().equals(key)).count());
    }

    @Test
    void aBrokenUploadLeavesNothing() throws Exception {
        PrintRouter router = fixture.router();
        String key = key();
        InputStream breaking = new InputStream() {
            private int sent;

            @Override
            public int read() throws IOException {
                if (sent++ >= 200_000) {
                    throw new IOException("channel dropped");
                }
                return 'x';
            }
        };
        PrintException e = assertThrows(PrintException.class,
                () -> router.submit(DESK, PDF_VM_PRINTER, pdfRequest(key), breaking, -1));
        assertEquals(PrintException.Kind.UNAVAILABLE, e.kind(), e.getMessage());
        assertEquals(List.of(), fixture.spoolFilesFor(key));
        assertTrue(router.job(key).isEmpty());

        // declared 1000 bytes, sent 10: refused, nothing kept
        PrintException shortDoc = assertThrows(PrintException.class, () -> router.submit(DESK, PDF_VM_PRINTER,
                pdfRequest(key), new ByteArrayInputStream(new byte[10]), 1000));
        assertEquals(PrintException.Kind.INVALID, shortDoc.kind(), shortDoc.getMessage());
        assertEquals(List.of(), fixture.spoolFilesFor(key));
        assertEquals(0, fixture.pdfsFor(key));
    }

    @Test
    void aFullDiskIsStorageAndLeavesNothing() throws Exception {
        PrintRouter router = fixture.router();
        String key = key();
        long huge = Files.getFileStore(fixture.spool).getUsableSpace() + (1L << 40);
        PrintException e = assertThrows(PrintException.class, () -> router.submit(DESK, PDF_VM_PRINTER, pdfRequest(key),
                new ByteArrayInputStream(TestPdf.withPages(List.of("x"))), huge));
        assertEquals(PrintException.Kind.STORAGE, e.kind(), e.getMessage());
        assertEquals(List.of(), fixture.spoolFilesFor(key));
        assertTrue(router.job(key).isEmpty());
    }

    @Test
    void aDeniedUsersJobNeverReachesCupsIsAuditedAndReported() throws Exception {
        PrintRouter router = fixture.router();
        BlockingQueue<Event> denied = listen(RoutingEvents.JOB_DENIED);
        PrintingContext mallory = new PrintingContext("lab-host", "0f0e0d0c-0000-4000-8000-00000000000m", "m-desk", "",
                "mallory");
        await("the CUPS queue at the router", () -> {
            try {
                return router.printersFor(mallory).stream().anyMatch(p -> p.id().equals(cupsVmPrinter()));
            } catch (PrintException ex) {
                return false;
            }
        });
        Configuration rule = fixture.policyRule(Map.of("name", "no-mallory", "order", 1, "effect", "DENY",
                "users", new String[] { "mall*" }));
        try {
            await("the rule to hide the printers from mallory", () -> {
                try {
                    return router.printersFor(mallory).isEmpty();
                } catch (PrintException ex) {
                    return false;
                }
            });
            assertFalse(router.printersFor(DESK).isEmpty(), "other users still see printers");
            String key = key();
            PrintException e = assertThrows(PrintException.class, () -> router.submit(mallory, cupsVmPrinter(),
                    pdfRequest(key), new ByteArrayInputStream(TestPdf.withPages(List.of("secret"))), -1));
            assertEquals(PrintException.Kind.DENIED, e.kind());
            assertTrue(e.getMessage().contains("no-mallory"), e.getMessage());

            SpooledJob job = router.job(key).orElseThrow();
            assertEquals(SpoolState.DENIED, job.state());
            assertTrue(router.jobs(null, 1000).stream().anyMatch(j -> j.id().equals(key)), "listed for the admin");
            Event event = denied.poll(RouterFixture.TIMEOUT_MS, TimeUnit.MILLISECONDS);
            while (event != null && !key.equals(event.getProperty(RoutingEvents.JOB))) {
                event = denied.poll(RouterFixture.TIMEOUT_MS, TimeUnit.MILLISECONDS);
            }
            assertTrue(event != null, "JOB_DENIED posted");
            assertEquals("mallory", event.getProperty(RoutingEvents.USER));
            assertTrue(fixture.audit.stream().anyMatch(a -> a.result() == AuditEvent.Result.DENIED
                    && a.actor().equals("mallory") && a.detail().contains("job=" + key)), "audited as DENIED");
            // CUPS Get-Jobs (which-jobs=all) knows no job with that key
            assertTrue(fixture.cupsDriver().findJob(cups.queue, key).isEmpty());
            assertEquals(List.of(), fixture.spoolFilesFor(key).stream()
                    .filter(p -> !p.getFileName().toString().endsWith(".json")).toList(), "no document kept");
        } finally {
            rule.delete();
        }
    }

    @Test
    void aJobSurvivesARouterRestartAndADriverThatIsAwayAndPrintsOnce() throws Exception {
        PrintRouter router = fixture.router();
        assertTrue(router.printersFor(DESK).stream().anyMatch(p -> p.id().equals(PDF_VM_PRINTER)));
        Bundle pdfDriver = fixture.bundle("org.deskplane.print.pdf");
        byte[] pdf = TestPdf.withPages(List.of("survivor"));
        String key = key();
        pdfDriver.stop();
        try {
            SpooledJob accepted = router.submit(DESK, PDF_VM_PRINTER, pdfRequest(key), new ByteArrayInputStream(pdf), -1);
            assertEquals(SpoolState.SPOOLED, accepted.state());
            await("the job to wait for its driver", () -> router.job(key).orElseThrow().reason().contains("waiting for"));
            fixture.restartRouter();
            PrintRouter restarted = fixture.router();
            assertEquals(SpoolState.SPOOLED, restarted.job(key).orElseThrow().state(), "recovered from the spool");
            assertEquals(0, fixture.pdfsFor(key));
        } finally {
            pdfDriver.start();
        }
        fixture.pdfDriver();
        PrintRouter restarted = fixture.router();
        SpooledJob done = awaitEnd(restarted, key);
        assertEquals(SpoolState.COMPLETED, done.state(), done.reason());
        assertEquals(1, fixture.pdfsFor(key));
    }

    @Test
    void aCupsDriverStoppedMidJobFollowsTheSameJobWhenBack() throws Exception {
        PrintRouter router = fixture.router();
        fixture.cupsDriver();
        await("the CUPS queue at the router", () -> {
            try {
                return router.printersFor(DESK).stream().anyMatch(p -> p.id().equals(cupsVmPrinter()));
            } catch (PrintException ex) {
                return false;
            }
        });
        long before = documentsAtThePrinter();
        String key = key();
        PrintJobRequest held = pdfRequest(key).withOptions(PrintOptions.DEFAULTS.withHold(true));
        router.submit(DESK, cupsVmPrinter(), held, new ByteArrayInputStream(TestPdf.withPages(List.of("held job"))), -1);
        await("the job at CUPS", () -> router.job(key).orElseThrow().state() == SpoolState.PRINTING);
        String cupsJob = router.job(key).orElseThrow().driverJob().jobId();

        Bundle cupsBundle = fixture.bundle("org.deskplane.print.cups");
        cupsBundle.stop();
        try {
            await("the job to wait for the driver", () -> router.job(key).orElseThrow().reason().contains("waiting for"));
            assertEquals(SpoolState.PRINTING, router.job(key).orElseThrow().state());
        } finally {
            cupsBundle.start();
        }
        PrinterDriver cupsDriver = fixture.cupsDriver();
        Tools.run("lp", "-i", cupsJob, "-H", "resume");
        SpooledJob done = awaitEnd(router, key);
        assertEquals(SpoolState.COMPLETED, done.state(), done.reason());
        assertEquals(cupsJob, done.driverJob().jobId(), "the same CUPS job, never a second submit");
        assertEquals(cupsJob, cupsDriver.findJob(cups.queue, key).orElseThrow().jobId());
        await("the document at the printer", () -> documentsAtThePrinter() == before + 1);
    }

    @Test
    void aJobCancelledInTheSpoolNeverPrints() throws Exception {
        PrintRouter router = fixture.router();
        assertTrue(router.printersFor(DESK).stream().anyMatch(p -> p.id().equals(PDF_VM_PRINTER)));
        Bundle pdfDriver = fixture.bundle("org.deskplane.print.pdf");
        String key = key();
        pdfDriver.stop();
        try {
            router.submit(DESK, PDF_VM_PRINTER, pdfRequest(key),
                    new ByteArrayInputStream(TestPdf.withPages(List.of("cancel me"))), -1);
            SpooledJob cancelled = router.cancel(key);
            assertEquals(SpoolState.CANCELLED, cancelled.state());
        } finally {
            pdfDriver.start();
        }
        fixture.pdfDriver();
        // a later job on the same printer prints: the cancelled one ahead of it was skipped, not printed
        String next = key();
        router.submit(DESK, PDF_VM_PRINTER, pdfRequest(next), new ByteArrayInputStream(TestPdf.withPages(List.of("n"))), -1);
        assertEquals(SpoolState.COMPLETED, awaitEnd(router, next).state());
        assertEquals(0, fixture.pdfsFor(key));
        assertEquals(SpoolState.CANCELLED, router.job(key).orElseThrow().state());
    }

    @Test
    void theLocationRuleFlagsTheNearestPrinterAndCanRestrictToIt() throws Exception {
        PrintRouter router = fixture.router();
        PrintingContext kiosk = new PrintingContext("lab-host", "0f0e0d0c-0000-4000-8000-00000000000k", "kiosk-1",
                "kiosks", "bob");
        await("both printers at the router", () -> {
            try {
                List<VmPrinter> all = router.printersFor(kiosk);
                return all.stream().anyMatch(p -> p.id().equals(cupsVmPrinter()))
                        && all.stream().anyMatch(p -> p.id().equals(PDF_VM_PRINTER));
            } catch (PrintException ex) {
                return false;
            }
        });
        VmPrinter nearest = router.printersFor(kiosk).get(0);
        assertEquals(PDF_VM_PRINTER, nearest.id(), "the printer in the host's location comes first");
        assertTrue(nearest.nearest());
        assertTrue(router.printersFor(kiosk).stream().filter(p -> p.id().equals(cupsVmPrinter())).noneMatch(VmPrinter::nearest));

        Configuration rule = fixture.policyRule(Map.of("name", "kiosks-nearest", "order", 5, "effect", "ALLOW",
                "pools", new String[] { "kiosk*" }, "nearestOnly", true));
        try {
            await("kiosks to see only the nearest printer", () -> {
                try {
                    return router.printersFor(kiosk).stream().map(VmPrinter::id).toList().equals(List.of(PDF_VM_PRINTER));
                } catch (PrintException ex) {
                    return false;
                }
            });
            assertTrue(router.printersFor(DESK).stream().anyMatch(p -> p.id().equals(cupsVmPrinter())),
                    "other pools still see every printer");
            PrintException e = assertThrows(PrintException.class, () -> router.submit(kiosk, cupsVmPrinter(),
                    pdfRequest(key()), new ByteArrayInputStream(TestPdf.withPages(List.of("far"))), -1));
            assertEquals(PrintException.Kind.DENIED, e.kind());
        } finally {
            rule.delete();
        }
    }

    /** Also the benchmark of the issue: throughput and memory are printed, not asserted. */
    @Test
    void aHundredJobsFromTenVmsConcurrentlyArePrintedOnceEach() throws Exception {
        PrintRouter router = fixture.router();
        byte[] pdf = TestPdf.withPages(List.of("concurrent page one", "concurrent page two"));
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            keys.add("bench-" + i + "-" + UUID.randomUUID().toString().substring(0, 8));
        }
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long usedBefore = runtime.totalMemory() - runtime.freeMemory();
        ExecutorService vms = Executors.newFixedThreadPool(10);
        long start = System.nanoTime();
        try {
            List<Future<SpooledJob>> futures = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                int vm = i % 10;
                String key = keys.get(i);
                PrintingContext context = new PrintingContext("lab-host", "0f0e0d0c-0000-4000-8000-0000000001" + vm + "0",
                        "vm-" + vm, "bench", "user" + vm);
                futures.add(vms.submit(() -> router.submit(context, PDF_VM_PRINTER, pdfRequest(key),
                        new ByteArrayInputStream(pdf), pdf.length)));
            }
            for (Future<SpooledJob> f : futures) {
                f.get(RouterFixture.TIMEOUT_MS, TimeUnit.MILLISECONDS);
            }
            long accepted = System.nanoTime();
            for (String key : keys) {
                assertEquals(SpoolState.COMPLETED, awaitEnd(router, key).state());
            }
            long printed = System.nanoTime();
            long usedAfter = runtime.totalMemory() - runtime.freeMemory();
            for (String key : keys) {
                assertEquals(1, fixture.pdfsFor(key), key);
            }
            System.out.printf("BENCHMARK print router: 100 jobs (%d bytes each) from 10 VMs: all accepted (spooled, "
                    + "fsynced) in %d ms, all printed in %d ms = %.1f jobs/s; heap used before %d KiB, after %d KiB%n",
                    pdf.length, (accepted - start) / 1_000_000, (printed - start) / 1_000_000,
                    100 / ((printed - start) / 1e9), usedBefore / 1024, usedAfter / 1024);
        } finally {
            vms.shutdownNow();
        }
    }

    private long documentsAtThePrinter() {
        try (Stream<Path> files = Files.list(cups.spool)) {
            return files.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            return -1;
        }
    }

    private static BlockingQueue<Event> listen(String topic) {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        ServiceRegistration<EventHandler> registration = fixture.context.registerService(EventHandler.class,
                events::add, new Hashtable<>(Map.of(EventConstants.EVENT_TOPIC, topic)));
        registrations.add(registration);
        return events;
    }

    private static final List<ServiceRegistration<?>> registrations = new ArrayList<>();
}
