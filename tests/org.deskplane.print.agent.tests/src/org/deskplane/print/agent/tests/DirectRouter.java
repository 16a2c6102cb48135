package org.deskplane.print.agent.tests;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.deskplane.print.api.HostPrinter;
import org.deskplane.print.api.PrintException;
import org.deskplane.print.api.PrintJobHandle;
import org.deskplane.print.api.PrintJobRequest;
import org.deskplane.print.api.PrinterCapabilities;
import org.deskplane.print.api.PrinterDriver;
import org.deskplane.print.convert.ConversionException;
import org.deskplane.print.convert.DocumentConverter;
import org.deskplane.print.routing.PrintRouter;
import org.deskplane.print.routing.PrintingContext;
import org.deskplane.print.routing.RoutingEvents;
import org.deskplane.print.routing.SpoolState;
import org.deskplane.print.routing.SpooledJob;
import org.deskplane.print.routing.VmPrinter;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * A router for these tests only: no policy, no durable spool — every printer of one driver for every VM, and a job
 * handed straight to that driver (the real PDF driver here), converted by the real converters (PWG Raster, JPEG) when the
 * printer does not take the job's format (as the real router does; the router's own tests cover its conversion). Jobs are idempotent by key, as the router's contract
 * says; it records every context and every accepted submission so tests can check what reached "the printer".
 */
final class DirectRouter implements PrintRouter {
    final PrinterDriver driver;
    /** The real converters (PWG Raster, JPEG), as the real router uses them: printers that take PDF take these too. */
    final List<DocumentConverter> converters;
    final EventAdmin events;
    final Map<String, SpooledJob> jobs = new ConcurrentHashMap<>();
    final List<PrintingContext> contexts = new CopyOnWriteArrayList<>();
    final AtomicInteger printed = new AtomicInteger();
    /** When set, the host offers this VM no printer at all (as after a policy change or a printer removed). */
    volatile boolean offerNothing;

    DirectRouter(PrinterDriver driver, List<DocumentConverter> converters, EventAdmin events) {
        this.driver = driver;
        this.converters = List.copyOf(converters);
        this.events = events;
    }

    @Override
    public List<VmPrinter> printersFor(PrintingContext context) throws PrintException {
        contexts.add(context);
        List<VmPrinter> list = new ArrayList<>();
        if (offerNothing) {
            return list;
        }
        for (HostPrinter p : driver.printers()) {
            list.add(new VmPrinter(driver.id() + "." + p.id(), withConverter(p), list.isEmpty()));
        }
        return list;
    }

    @Override
    public SpooledJob submit(PrintingContext context, String vmPrinterId, PrintJobRequest request, InputStream document,
            long declaredBytes) throws PrintException {
        contexts.add(context);
        SpooledJob existing = jobs.get(request.idempotencyKey());
        if (existing != null) {
            try {
                document.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (java.io.IOException e) {
                throw new PrintException(PrintException.Kind.UNAVAILABLE, "reading failed", e);
            }
            return existing;
        }
        String printerId = vmPrinterId.substring(vmPrinterId.indexOf('.') + 1);
        PrintJobHandle handle;
        Optional<DocumentConverter> converter = converters.stream()
                .filter(c -> c.sourceFormat().equals(request.documentFormat())).findFirst();
        if (converter.isPresent()
                && driver.printer(printerId).map(p -> !p.capabilities().accepts(request.documentFormat())).orElse(false)) {
            handle = submitConverted(converter.get(), printerId, request, document);
        } else {
            handle = driver.submit(printerId, request, document);
        }
        printed.incrementAndGet();
        Instant now = Instant.now();
        SpooledJob job = new SpooledJob(request.idempotencyKey(), context, vmPrinterId, request, declaredBytes, "",
                SpoolState.PRINTING, "", 0, handle, now, now);
        jobs.put(job.id(), job);
        SpooledJob done = new SpooledJob(job.id(), context, vmPrinterId, request, declaredBytes, "",
                SpoolState.COMPLETED, "printed", 1, handle, now, Instant.now());
        // the state change reaches the guest as an event, after the answer, as with the real router
        jobs.put(job.id(), done);
        events.postEvent(new Event(RoutingEvents.JOB_CHANGED, Map.of(RoutingEvents.JOB, job.id(), RoutingEvents.STATE,
                SpoolState.COMPLETED.name(), RoutingEvents.REASON, "printed", RoutingEvents.VM, context.vmKey(),
                RoutingEvents.USER, context.user(), RoutingEvents.PRINTER, vmPrinterId)));
        return job;
    }

    private HostPrinter withConverter(HostPrinter p) {
        PrinterCapabilities c = p.capabilities();
        List<String> formats = new ArrayList<>(c.documentFormats());
        for (DocumentConverter converter : converters) {
            if (c.documentFormats().contains(converter.targetFormat()) && !formats.contains(converter.sourceFormat())) {
                formats.add(converter.sourceFormat());
            }
        }
        if (formats.size() == c.documentFormats().size()) {
            return p;
        }
        return new HostPrinter(p.driver(), p.id(), p.name(), p.location(), p.state(), p.stateReasons(),
                p.acceptingJobs(), new PrinterCapabilities(formats, c.media(), c.defaultMedia(), c.sides(),
                        c.colorModes(), c.minCopies(), c.maxCopies(), c.resolutions()));
    }

    private PrintJobHandle submitConverted(DocumentConverter converter, String printerId, PrintJobRequest request, InputStream document)
            throws PrintException {
        try {
            java.nio.file.Path pdf = java.nio.file.Files.createTempFile("direct-router", ".pdf");
            try {
                try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(pdf)) {
                    converter.convert(document, out);
                } catch (ConversionException e) {
                    throw new PrintException(PrintException.Kind.INVALID, "cannot convert: " + e.getMessage());
                }
                try (InputStream in = java.nio.file.Files.newInputStream(pdf)) {
                    return driver.submit(printerId, new PrintJobRequest(request.idempotencyKey(),
                            converter.targetFormat(), request.jobName(), request.origin(), request.options()), in);
                }
            } finally {
                java.nio.file.Files.deleteIfExists(pdf);
            }
        } catch (java.io.IOException e) {
            throw new PrintException(PrintException.Kind.UNAVAILABLE, "conversion failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<SpooledJob> job(String jobId) {
        return Optional.ofNullable(jobs.get(jobId));
    }

    @Override
    public List<SpooledJob> jobs(String vmKey, int limit) {
        return jobs.values().stream().filter(j -> vmKey == null || j.context().vmKey().equals(vmKey)).limit(limit).toList();
    }

    @Override
    public SpooledJob cancel(String jobId) throws PrintException {
        return job(jobId).orElseThrow(() -> new PrintException(PrintException.Kind.NOT_FOUND, "no job " + jobId));
    }
}
