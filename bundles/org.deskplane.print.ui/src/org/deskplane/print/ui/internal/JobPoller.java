package org.deskplane.print.ui.internal;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.deskplane.client.RemotePrinting;
import org.deskplane.print.api.PrintException;
import org.deskplane.print.routing.SpooledJob;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;

/**
 * Reads the job list on a background (system) job, one read at a time: a tick that comes while a read is still
 * running is skipped, so a slow server is not piled up with requests. Results and failures are handed to the
 * callbacks on the reading thread (the part moves them to the UI thread).
 */
final class JobPoller {

    static final int LIMIT = 200;

    private final AtomicBoolean reading = new AtomicBoolean();

    /** Starts a read unless one is running; returns whether it started. */
    boolean read(RemotePrinting printing, String vmKey, Consumer<List<SpooledJob>> onJobs,
            Consumer<PrintException> onFailure) {
        if (!reading.compareAndSet(false, true)) {
            return false;
        }
        Job job = Job.create("Read the print jobs", (IProgressMonitor monitor) -> {
            try {
                onJobs.accept(printing.jobs(vmKey, LIMIT));
            } catch (PrintException e) {
                onFailure.accept(e);
            } catch (RuntimeException e) {
                onFailure.accept(new PrintException(PrintException.Kind.FAILED, e.getMessage(), e));
            } finally {
                reading.set(false);
            }
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        job.schedule();
        return true;
    }

}
