package org.deskplane.print.channel.tests;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.deskplane.print.api.HostPrinter;
import org.deskplane.print.api.PrintException;
import org.deskplane.print.api.PrintJobRequest;
import org.deskplane.print.api.PrinterCapabilities;
import org.deskplane.print.routing.PrintRouter;
import org.deskplane.print.routing.PrintingContext;
import org.deskplane.print.routing.SpoolState;
import org.deskplane.print.routing.SpooledJob;
import org.deskplane.print.routing.VmPrinter;

/** A router that records what the bridge hands it: the contexts, the requests and the document sizes. */
final class RecordingRouter implements PrintRouter {
    static final VmPrinter PRINTER = new VmPrinter("test.office", new HostPrinter("test", "office", "Office", "2nd floor",
            HostPrinter.PrinterState.IDLE, List.of(), true, new PrinterCapabilities(List.of("application/pdf"),
                    List.of("iso_a4_210x297mm"), "iso_a4_210x297mm", List.of("one-sided"), List.of("monochrome"), 1, 9,
                    List.of())), true);

    final List<PrintingContext> contexts = new CopyOnWriteArrayList<>();
    final List<PrintJobRequest> requests = new CopyOnWriteArrayList<>();
    final Map<String, SpooledJob> jobs = new ConcurrentHashMap<>();

    @Override
    public List<VmPrinter> printersFor(PrintingContext context) {
        contexts.add(context);
        return List.of(PRINTER);
    }

    @Override
    public SpooledJob submit(PrintingContext context, String vmPrinterId, PrintJobRequest request, InputStream document,
            long declaredBytes) throws PrintException {
        contexts.add(context);
        requests.add(request);
        long bytes;
        try {
            bytes = document.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new PrintException(PrintException.Kind.UNAVAILABLE, "document broke off", e);
        }
        SpooledJob job = new SpooledJob(request.idempotencyKey(), context, vmPrinterId, request, bytes, "",
                SpoolState.SPOOLED, "", 0, null, Instant.now(), Instant.now());
        jobs.put(job.id(), job);
        return job;
    }

    @Override
    public Optional<SpooledJob> job(String jobId) {
        return Optional.ofNullable(jobs.get(jobId));
    }

    @Override
    public List<SpooledJob> jobs(String vmKey, int limit) {
        return List.copyOf(jobs.values());
    }

    @Override
    public SpooledJob cancel(String jobId) throws PrintException {
        return job(jobId).orElseThrow(() -> new PrintException(PrintException.Kind.NOT_FOUND, jobId));
    }
}
