package org.deskplane.print.routing;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;

import org.deskplane.print.api.PrintException;
import org.deskplane.print.api.PrintJobRequest;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The host's print router: which printers a VM sees, and jobs from VMs spooled durably and printed exactly once.
 * One service; callers (the channel side of the guest's virtual printers, REST) use it from several threads.
 */
@ProviderType
public interface PrintRouter {

    /** The printers {@code context}'s user may use from that VM now, by policy; empty when none. */
    List<VmPrinter> printersFor(PrintingContext context) throws PrintException;

    /**
     * Accepts a job: checks the policy (a denied job is recorded as {@link SpoolState#DENIED}, audited, reported to the
     * admin, and answered with {@link PrintException.Kind#DENIED}; its document is not kept), streams the document
     * into the spool (bounded memory), syncs it to disk, and only then returns. Printing happens afterwards, exactly
     * once, also across server restarts and driver updates. If a job with the request's idempotency key already
     * exists, its document is read and discarded and that job is returned (a retry after a drop prints nothing twice).
     *
     * @param declaredBytes the document's size if the sender knows it (checked), or -1
     */
    SpooledJob submit(PrintingContext context, String vmPrinterId, PrintJobRequest request, InputStream document,
            long declaredBytes) throws PrintException;

    /** The job with this id. */
    Optional<SpooledJob> job(String jobId);

    /** Jobs, newest first: of one VM ({@code vmKey} = {@code <connection>:<uuid>}) or all (null), at most {@code limit}. */
    List<SpooledJob> jobs(String vmKey, int limit);

    /** Cancels a job that has not ended (in the spool or at the driver); a job that ended is returned as it is. */
    SpooledJob cancel(String jobId) throws PrintException;
}
