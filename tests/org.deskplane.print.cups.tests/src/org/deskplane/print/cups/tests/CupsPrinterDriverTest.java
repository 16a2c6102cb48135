package org.deskplane.print.cups.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.deskplane.print.api.HostPrinter;
import org.deskplane.print.api.PrintEvents;
import org.deskplane.print.api.PrintException;
import org.deskplane.print.api.PrintJobHandle;
import org.deskplane.print.api.PrintJobRequest;
import org.deskplane.print.api.PrintJobState;
import org.deskplane.print.api.PrintJobStatus;
import org.deskplane.print.api.PrintOptions;
import org.deskplane.print.api.PrinterDriver;
import org.deskplane.print.testing.TestPdf;
import org.deskplane.print.testing.Tools;
import org.deskplane.print.testing.RealCups;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.util.tracker.ServiceTracker;

/** The CUPS driver against the host's real cupsd and a real IPP Everywhere printer (ippeveprinter). */
class CupsPrinterDriverTest {

    private static final long TIMEOUT_MS = 90_000;

    @TempDir
    static Path dir;
    static RealCups cups;
    static PrinterDriver driver;
    static Configuration configuration;

    @BeforeAll
    static void setUp() throws Exception {
        cups = RealCups.start(dir);
        BundleContext context = FrameworkUtil.getBundle(CupsPrinterDriverTest.class).getBundleContext();
        ConfigurationAdmin admin = service(context, ConfigurationAdmin.class, null);
        configuration = admin.getConfiguration("org.deskplane.print.cups", "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("pollIntervalSeconds", 1);
        configuration.update(properties);
        driver = service(context, PrinterDriver.class, "(print.driver=cups)");
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (configuration != null) {
            configuration.delete();
        }
        if (cups != null) {
            cups.close();
        }
    }

    @Test
    void discoversTheQueueAndItsCapabilities() throws Exception {
        assertTrue(driver.printers().stream().anyMatch(p -> p.id().equals(cups.queue)), "queue in CUPS-Get-Printers");
        HostPrinter printer = driver.printer(cups.queue).orElseThrow();
        assertEquals("cups", printer.driver());
        assertEquals("Test lab", printer.location());
        assertTrue(printer.acceptingJobs());
        assertTrue(printer.capabilities().accepts("application/pdf"), printer.capabilities().documentFormats().toString());
        assertFalse(printer.capabilities().media().isEmpty(), "media-supported");
        assertTrue(printer.capabilities().sides().contains("one-sided"), printer.capabilities().sides().toString());
        assertTrue(printer.capabilities().maxCopies() >= 1);
        assertFalse(printer.capabilities().colorModes().isEmpty());
        assertEquals(Optional.empty(), driver.printer("no-such-queue-" + cups.port));
    }

    @Test
    void aPdfComesOutOfThePrinterWithTheSameContent() throws Exception {
        List<String> pages = List.of("Deskplane page one", "Second page of the test", "Third and last page");
        byte[] pdf = TestPdf.withPages(pages);
        Path input = Files.write(dir.resolve("input.pdf"), pdf);
        assertEquals(pages, Tools.pdfText(input), "the test document's own text");
        PrintJobRequest request = PrintJobRequest.of("application/pdf", "content-test")
                .withOrigin(new PrintJobRequest.Origin("alice", "vm-7", "writer"))
                .withOptions(PrintOptions.DEFAULTS.withCopies(1).withSides("one-sided"));

        PrintJobHandle job = driver.submit(cups.queue, request, new ByteArrayInputStream(pdf));
        PrintJobStatus status = awaitTerminal(job);
        assertEquals(PrintJobState.COMPLETED, status.state(), status.reason());
        assertEquals(Optional.of(job), driver.findJob(cups.queue, request.idempotencyKey()));

        Path output = awaitOutput();
        assertEquals(pages.size(), Tools.pdfPages(output));
        assertEquals(Tools.pdfText(input), Tools.pdfText(output));
    }

    @Test
    void aHeldJobIsCancelled() throws Exception {
        PrintJobRequest request = PrintJobRequest.of("application/pdf", "cancel-test")
                .withOptions(PrintOptions.DEFAULTS.withHold(true));
        PrintJobHandle job = driver.submit(cups.queue, request, new ByteArrayInputStream(TestPdf.withPages(List.of("held"))));
        PrintJobStatus held = driver.status(job);
        assertEquals(PrintJobState.PENDING, held.state());
        assertTrue(held.reason().contains("job-hold-until-specified"), held.reason());

        driver.cancel(job);
        assertEquals(PrintJobState.CANCELLED, driver.status(job).state());
        driver.cancel(job); // already ended: no error
    }

    @Test
    void unsupportedFormatAndUnknownQueueAreRefused() {
        PrintException format = assertThrows(PrintException.class, () -> driver.submit(cups.queue,
                PrintJobRequest.of("application/x-deskplane-nonsense", "bad"), new ByteArrayInputStream(new byte[10])));
        assertEquals(PrintException.Kind.UNSUPPORTED, format.kind(), format.getMessage());
        PrintException queue = assertThrows(PrintException.class, () -> driver.submit("no-such-queue",
                PrintJobRequest.of("application/pdf", "bad"), new ByteArrayInputStream(TestPdf.withPages(List.of("x")))));
        assertEquals(PrintException.Kind.NOT_FOUND, queue.kind(), queue.getMessage());
    }

    @Test
    void queuesAddedAndRemovedWithLpadminAreNoticed() throws Exception {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        BundleContext context = FrameworkUtil.getBundle(CupsPrinterDriverTest.class).getBundleContext();
        ServiceRegistration<EventHandler> registration = context.registerService(EventHandler.class, events::add,
                new Hashtable<>(java.util.Map.of(EventConstants.EVENT_TOPIC, PrintEvents.PRINTERS_CHANGED)));
        String second = cups.queue + "-second";
        try {
            cups.addQueue(second);
            awaitEvent(events, PrintEvents.ADDED, second);
            cups.removeQueue(second);
            awaitEvent(events, PrintEvents.REMOVED, second);
        } finally {
            registration.unregister();
            try {
                cups.removeQueue(second);
            } catch (Exception alreadyGone) {
                // removed by the test
            }
        }
    }

    private static void awaitEvent(BlockingQueue<Event> events, String property, String printer) throws Exception {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            Event e = events.poll(deadline - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
            if (e != null && "cups".equals(e.getProperty(PrintEvents.DRIVER))
                    && Arrays.asList((String[]) e.getProperty(property)).contains(printer)) {
                return;
            }
        }
        throw new AssertionError("no " + PrintEvents.PRINTERS_CHANGED + " event with " + property + " " + printer);
    }

    private static PrintJobStatus awaitTerminal(PrintJobHandle job) throws Exception {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        PrintJobStatus status = driver.status(job);
        while (!status.state().isTerminal() && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            status = driver.status(job);
        }
        assertTrue(status.state().isTerminal(), "job not finished in time: " + status);
        return status;
    }

    /** The document ippeveprinter kept ({@code -k}) for the job: there is one such PDF per printed job. */
    private static Path awaitOutput() throws Exception {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            try (Stream<Path> files = Files.walk(cups.spool)) {
                Optional<Path> pdf = files.filter(p -> p.getFileName().toString().contains("content-test"))
                        .filter(p -> p.toString().endsWith(".pdf")).findFirst();
                if (pdf.isPresent()) {
                    return pdf.get();
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the printer kept no document in " + cups.spool);
    }

    private static <T> T service(BundleContext context, Class<T> type, String filter) throws Exception {
        ServiceTracker<T, T> tracker = filter == null ? new ServiceTracker<>(context, type, null)
                : new ServiceTracker<>(context, context.createFilter("(&(objectClass=" + type.getName() + ")" + filter + ")"), null);
        tracker.open();
        T service = tracker.waitForService(30_000);
        assertNotNull(service, type.getSimpleName() + " " + (filter == null ? "" : filter) + " not registered within 30 s");
        return service;
    }
}
