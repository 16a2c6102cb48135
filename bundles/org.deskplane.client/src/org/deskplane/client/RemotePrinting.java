package org.deskplane.client;

import java.util.List;
import java.util.Optional;

import org.deskplane.print.api.PrintException;
import org.deskplane.print.routing.SpooledJob;
import org.deskplane.print.routing.VmPrinter;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The server's printing over {@code /api/print}: the host's printers per driver, the printers a VM's user sees, the
 * job queue with live state, cancel, and an administrator's test print. Answers come back as the print API's
 * records; the server's problem answers as {@link PrintException}s whose kind is the inverse of the server's mapping
 * (404 NOT_FOUND, 400 INVALID, 403 DENIED, 415 UNSUPPORTED, 503 or no answer UNAVAILABLE, 507 STORAGE, else FAILED),
 * with the server's status and explanation in the message.
 *
 * @since 1.4
 */
@ProviderType
public interface RemotePrinting {

    /**
     * One printer driver of the server and its printers ({@link VmPrinter#id()} is the id rules and VMs use,
     * {@code <driver>.<printer id>}; {@code nearest} is always false here), or the error it gave when listing.
     */
    record DriverPrinters(String driver, List<VmPrinter> printers, String error) {
        public DriverPrinters {
            printers = List.copyOf(printers);
            error = error == null ? "" : error;
        }
    }

    /** {@code GET /api/print/printers} (OPERATOR), sorted by driver. */
    List<DriverPrinters> hostPrinters() throws PrintException;

    /** {@code GET /api/print/vms/{connection}/{uuid}/printers} (OPERATOR): what the VM's owner may print to, nearest first. */
    List<VmPrinter> vmPrinters(String connectionId, String vmUuid) throws PrintException;

    /**
     * {@code GET /api/print/jobs} newest first: of one VM ({@code vmKey} = {@code <connection>:<uuid>}) or all (null),
     * at most {@code limit} (1–1000). A USER gets only their own jobs.
     */
    List<SpooledJob> jobs(String vmKey, int limit) throws PrintException;

    /** {@code GET /api/print/jobs/{id}}; empty when the server does not have it (or does not show it to this user). */
    Optional<SpooledJob> job(String jobId) throws PrintException;

    /** {@code POST /api/print/jobs/{id}/cancel}: the job as it is after the cancel (a job that ended stays as it is). */
    SpooledJob cancel(String jobId) throws PrintException;

    /**
     * {@code POST /api/print/jobs} (ADMIN): prints {@code document} from the VM as its owner would, through the router
     * and its policy (a denied job is {@link PrintException.Kind#DENIED}).
     *
     * @param vmKey       {@code <connection>:<uuid>}
     * @param vmPrinterId the printer as the VM names it ({@code <driver>.<printer id>})
     * @param format      the document's MIME type
     */
    SpooledJob print(String vmKey, String vmPrinterId, String jobName, String format, byte[] document)
            throws PrintException;
}
