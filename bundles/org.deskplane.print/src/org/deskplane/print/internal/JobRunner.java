package org.deskplane.print.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.deskplane.print.api.PrintException;
import org.deskplane.print.api.PrintJobHandle;
import org.deskplane.print.api.PrintJobRequest;
import org.deskplane.print.api.PrintJobStatus;
import org.deskplane.print.api.PrinterDriver;
import org.deskplane.print.convert.DocumentConverter;
import org.deskplane.print.routing.SpoolState;

/**
 * Moves one job one step on: hand it to its driver (after asking the driver whether it already has it, so a crash
 * between the driver accepting it and the spool recording that never prints twice), then follow its state at the
 * driver to the end. A driver that is away or unavailable is waited for with a bounded back-off; the job stays in
 * the spool meanwhile and says why it waits.
 */
final class JobRunner implements Dispatcher.Runner {

    private static final Logger LOG = Logger.getLogger(JobRunner.class.getName());
    private static final long FIRST_RETRY_MS = 250;
    private static final long FIRST_POLL_MS = 50;
    private static final long MAX_POLL_MS = 2000;

    private final SpoolStore store;
    private final PrinterDirectory printers;
    private final FormatConverters converters;
    private final JobEnds ends;
    private final long maxRetryMillis;
    /** Consecutive waits per job, for the back-off; kept in memory (a restart tries at once, which is fine). */
    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();

    /** What happens when a job ends (audit, events, document clean-up). */
    interface JobEnds {
        void ended(JobRecord job);

        void changed(JobRecord job);
    }

    JobRunner(SpoolStore store, PrinterDirectory printers, FormatConverters converters, JobEnds ends,
            long maxRetryMillis) {
        this.store = store;
        this.printers = printers;
        this.converters = converters;
        this.ends = ends;
        this.maxRetryMillis = maxRetryMillis;
    }

    @Override
    public long step(String jobId) {
        Optional<JobRecord> found = store.get(jobId);
        if (found.isEmpty() || found.get().state().isTerminal()) {
            attempts.remove(jobId);
            return -1;
        }
        JobRecord job = found.get();
        PrinterDriver driver = printers.driver(job.driver());
        if (driver == null) {
            return waitFor(job, "waiting for printer driver " + job.driver());
        }
        try {
            return job.handle() == null ? handOver(job, driver) : follow(job, driver);
        } catch (PrintException e) {
            if (e.kind().retryable() || printers.driver(job.driver()) != driver) {
                // the driver said "later", or went away during the call (a bundle update): not the job's fault
                return waitFor(job, "waiting for printer " + job.driver() + "/" + job.printerId() + ": " + e.getMessage());
            }
            if (e.kind() == PrintException.Kind.NOT_FOUND && job.handle() != null) {
                return end(job, SpoolState.ABORTED, "the printer no longer knows the job: " + e.getMessage(), 0);
            }
            return end(job, SpoolState.ABORTED, e.getMessage(), 0);
        } catch (RuntimeException e) {
            // a driver whose bundle is stopping may fail in any way; the job waits for a working driver
            LOG.log(Level.FINE, "printer driver " + job.driver() + " failed on job " + jobId, e);
            return waitFor(job, "waiting for printer driver " + job.driver() + ": " + e);
        }
    }

    private long handOver(JobRecord job, PrinterDriver driver) throws PrintException {
        Optional<PrintJobHandle> existing = driver.findJob(job.printerId(), job.id());
        PrintJobHandle handle;
        if (existing.isPresent()) {
            handle = existing.get(); // handed over before a crash or a driver swap: never submit twice
        } else {
            if (job.cancelRequested()) {
                return end(job, SpoolState.CANCELLED, "cancelled before it reached the printer", 0);
            }
            handle = submit(job, driver);
        }
        JobRecord recorded = store.update(job.id(), current -> current.printing(handle, "")).orElseThrow();
        attempts.remove(job.id());
        ends.changed(recorded);
        if (recorded.cancelRequested() || recorded.state() == SpoolState.CANCELLED) {
            driver.cancel(handle); // cancelled while it was being handed over
        }
        return 0; // ask for its state at once: a quick driver (the PDF directory) has finished already
    }

    private PrintJobHandle submit(JobRecord job, PrinterDriver driver) throws PrintException {
        Optional<DocumentConverter> converter = printers.resolve(job.vmPrinterId())
                .flatMap(printer -> converters.needed(printer, job.request().documentFormat()));
        if (converter.isPresent()) {
            return submitConverted(job, driver, converter.get());
        }
        return submitFile(job, driver, store.document(job.id()), job.request());
    }

    /**
     * Converts the spooled document into a file beside the spool (cleaned at start, so a crash mid-conversion
     * converts again) and hands that to the driver as PDF; the spooled original stays as it was received.
     */
    private PrintJobHandle submitConverted(JobRecord job, PrinterDriver driver, DocumentConverter converter)
            throws PrintException {
        Path converted = store.conversion(job.id());
        try {
            if (!Files.exists(store.document(job.id()))) {
                throw new PrintException(PrintException.Kind.FAILED, "the spooled document is missing");
            }
            FormatConverters.convert(converter, store.document(job.id()), converted);
            PrintJobRequest request = job.request();
            PrintJobRequest asPdf = new PrintJobRequest(request.idempotencyKey(), converter.targetFormat(),
                    request.jobName(), request.origin(), request.options());
            return submitFile(job, driver, converted, asPdf);
        } finally {
            try {
                Files.deleteIfExists(converted);
            } catch (IOException e) {
                LOG.log(Level.FINE, "could not delete the converted document of job " + job.id(), e);
            }
        }
    }

    private PrintJobHandle submitFile(JobRecord job, PrinterDriver driver, Path file, PrintJobRequest request)
            throws PrintException {
        try (InputStream document = Files.newInputStream(file)) {
            return driver.submit(job.printerId(), request, document);
        } catch (NoSuchFileException e) {
            throw new PrintException(PrintException.Kind.FAILED, "the spooled document is missing");
        } catch (IOException e) {
            throw new PrintException(PrintException.Kind.STORAGE, "cannot read the spooled document: " + e.getMessage(), e);
        }
    }

    private long follow(JobRecord job, PrinterDriver driver) throws PrintException {
        if (job.cancelRequested()) {
            driver.cancel(job.handle());
        }
        PrintJobStatus status = driver.status(job.handle());
        int pages = Math.max(0, status.pagesCompleted());
        if (status.state().isTerminal()) {
            SpoolState end = switch (status.state()) {
                case COMPLETED -> SpoolState.COMPLETED;
                case CANCELLED -> SpoolState.CANCELLED;
                default -> SpoolState.ABORTED;
            };
            return end(job, end, status.reason(), pages);
        }
        if (!status.reason().equals(job.reason()) || pages > job.pages()) {
            store.update(job.id(), current -> current.progress(status.reason(), pages)).ifPresent(ends::changed);
        }
        int n = attempts.merge(job.id(), 1, Integer::sum);
        return Math.min(MAX_POLL_MS, FIRST_POLL_MS << Math.min(n, 6));
    }

    private long waitFor(JobRecord job, String reason) {
        if (!reason.equals(job.reason())) {
            try {
                store.update(job.id(), current -> current.state().isTerminal() ? current : current.withReason(reason))
                        .ifPresent(ends::changed);
            } catch (PrintException e) {
                LOG.log(Level.WARNING, "could not record why print job " + job.id() + " waits: " + e.getMessage());
            }
        }
        int n = attempts.merge(job.id(), 1, Integer::sum);
        return Math.min(maxRetryMillis, FIRST_RETRY_MS << Math.min(n - 1, 10));
    }

    private long end(JobRecord job, SpoolState state, String reason, int pages) {
        attempts.remove(job.id());
        try {
            finish(job.id(), state, reason, pages);
        } catch (PrintException e) {
            LOG.log(Level.WARNING, "could not record the end of print job " + job.id() + ": " + e.getMessage());
            return maxRetryMillis; // the disk may come back; the driver will say the same again
        }
        return -1;
    }

    /** Ends a job that has not ended yet and reports it (once, whoever ends it: this runner or a cancel). */
    void finish(String jobId, SpoolState state, String reason, int pages) throws PrintException {
        AtomicBoolean endedNow = new AtomicBoolean();
        store.update(jobId, current -> {
            if (current.state().isTerminal()) {
                return current; // ended meanwhile: reported there
            }
            endedNow.set(true);
            return current.ended(state, reason, pages);
        }).filter(updated -> endedNow.get()).ifPresent(ends::ended);
    }
}
