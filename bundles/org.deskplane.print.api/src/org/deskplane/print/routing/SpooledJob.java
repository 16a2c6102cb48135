package org.deskplane.print.routing;

import java.time.Instant;
import java.util.Objects;

import org.deskplane.print.api.PrintJobHandle;
import org.deskplane.print.api.PrintJobRequest;

/**
 * A job the router accepted (or denied), as it is now.
 *
 * @param id          the router's job id (the request's idempotency key)
 * @param context     where it came from
 * @param vmPrinterId the printer as the VM named it
 * @param request     what was asked (format, name, options, origin)
 * @param bytes       document size in bytes
 * @param sha256      the document's SHA-256 (hex)
 * @param state       where it is
 * @param reason      why it ended this way or why it waits ("" when nothing to say)
 * @param pages       pages printed, when the driver reports them (else 0)
 * @param driverJob   the driver's job, once handed over (else null)
 * @param created     when it was accepted
 * @param updated     when its state last changed
 */
public record SpooledJob(String id, PrintingContext context, String vmPrinterId, PrintJobRequest request, long bytes,
        String sha256, SpoolState state, String reason, int pages, PrintJobHandle driverJob, Instant created,
        Instant updated) {
    public SpooledJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(vmPrinterId, "vmPrinterId");
        Objects.requireNonNull(request, "request");
        sha256 = sha256 == null ? "" : sha256;
        Objects.requireNonNull(state, "state");
        reason = reason == null ? "" : reason;
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(updated, "updated");
    }
}
