package org.deskplane.modules.ui.internal;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.deskplane.modules.api.ModuleRequest;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;

/**
 * Reads the request history on a background (system) job, one read at a time: a tick that comes while a read is
 * still running is skipped, so a slow server is not piled up with requests. A failed poll is reported to the part's
 * status line, not in a dialog (it would pop up every few seconds).
 */
final class RequestPoller {

    static final int LIMIT = 200;

    private final AtomicBoolean reading = new AtomicBoolean();

    /** Starts a read unless one is running; returns whether it started. */
    boolean read(ModulesClient client, String vm, Consumer<List<ModuleRequest>> onRequests,
            Consumer<RuntimeException> onFailure) {
        if (!reading.compareAndSet(false, true)) {
            return false;
        }
        Job job = Job.create("Read the module requests", (IProgressMonitor monitor) -> {
            try {
                onRequests.accept(client.requests(vm, LIMIT));
            } catch (RuntimeException e) {
                onFailure.accept(e);
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
