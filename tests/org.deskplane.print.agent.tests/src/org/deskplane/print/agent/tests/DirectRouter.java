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
import org.deskplane.print.api.PrinterDriver;
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
 * handed straight to that driver (the real PDF driver here). Jobs are idempotent by key, as the router's contract
 * says; it records every context and every accepted submission so tests can check what reached "the printer".
 */
final class DirectRouter implements PrintRouter {
    final PrinterDriver driver;
    final EventAdmin events;
    final Map<String, SpooledJob> jobs = new ConcurrentHashMap<>();
    final List<PrintingContext> contexts = new CopyOnWriteArrayList<>();
    final AtomicInteger printed = new AtomicInteger();

    DirectRouter(PrinterDriver driver, EventAdmin events) {
        this.driver = driver;
        this.events = events;
    }

    @Override
    public List<VmPrinter> printersFor(PrintingContext context) throws PrintException {
        contexts.add(context);
        List<VmPrinter> list = new ArrayList<>();
        for (HostPrinter p : driver.printers()) {
            list.add(new VmPrinter(driver.id() + "." + p.id(), p, list.isEmpty()));
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
        PrintJobHandle handle = driver.submit(printerId, request, document);
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
