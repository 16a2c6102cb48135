package org.deskplane.print.internal;

import java.time.Instant;

import org.deskplane.print.api.PrintJobHandle;
import org.deskplane.print.api.PrintJobRequest;
import org.deskplane.print.routing.PrintingContext;
import org.deskplane.print.routing.SpoolState;
import org.deskplane.print.routing.SpooledJob;

/**
 * A job as the spool keeps it on disk (JSON): the public {@link SpooledJob} plus where it goes ({@code driver},
 * {@code printerId}, resolved when it was accepted) and whether a cancel waits for the driver to come back.
 */
record JobRecord(String id, PrintingContext context, String vmPrinterId, String driver, String printerId,
        PrintJobRequest request, long bytes, String sha256, SpoolState state, String reason, int pages,
        PrintJobHandle handle, Instant created, Instant updated, boolean cancelRequested) {

    SpooledJob toJob() {
        return new SpooledJob(id, context, vmPrinterId, request, bytes, sha256, state, reason, pages, handle, created,
                updated);
    }

    JobRecord withReason(String value) {
        return new JobRecord(id, context, vmPrinterId, driver, printerId, request, bytes, sha256, state, value, pages,
                handle, created, Instant.now(), cancelRequested);
    }

    JobRecord printing(PrintJobHandle value, String why) {
        return new JobRecord(id, context, vmPrinterId, driver, printerId, request, bytes, sha256,
                state.isTerminal() ? state : SpoolState.PRINTING, why, pages, value, created, Instant.now(),
                cancelRequested);
    }

    JobRecord progress(String why, int pagesDone) {
        return new JobRecord(id, context, vmPrinterId, driver, printerId, request, bytes, sha256, state, why,
                Math.max(pages, pagesDone), handle, created, Instant.now(), cancelRequested);
    }

    JobRecord ended(SpoolState end, String why, int pagesDone) {
        return new JobRecord(id, context, vmPrinterId, driver, printerId, request, bytes, sha256, end, why,
                Math.max(pages, pagesDone), handle, created, Instant.now(), cancelRequested);
    }

    JobRecord withCancelRequested() {
        return new JobRecord(id, context, vmPrinterId, driver, printerId, request, bytes, sha256, state,
                "cancel requested", pages, handle, created, Instant.now(), true);
    }
}
