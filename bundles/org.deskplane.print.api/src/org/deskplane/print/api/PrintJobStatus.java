package org.deskplane.print.api;

import java.util.Objects;

/**
 * A job's state as the backend reported it.
 *
 * @param job the job
 * @param state where it is
 * @param reason why, in the backend's words (IPP job-state-reasons and message), "" if nothing to say;
 *        always set for {@link PrintJobState#ABORTED}
 * @param pagesCompleted pages printed so far, -1 if the backend does not say
 */
public record PrintJobStatus(PrintJobHandle job, PrintJobState state, String reason, int pagesCompleted) {

    public PrintJobStatus {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(state, "state");
        reason = reason == null ? "" : reason;
    }
}
