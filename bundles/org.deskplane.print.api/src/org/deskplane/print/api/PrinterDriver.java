package org.deskplane.print.api;

import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One printing backend of the host. Implementations are OSGi services with the service property
 * {@value #DRIVER_PROPERTY} equal to {@link #id()}; they may come and go while the server runs.
 * Every method may block on the backend (network, disk) and is safe to call from several threads.
 */
@ProviderType
public interface PrinterDriver {

    /** Service property naming the driver, for example {@code cups} or {@code pdf}. */
    String DRIVER_PROPERTY = "print.driver";

    /** @return the driver's id, also its {@value #DRIVER_PROPERTY} service property. */
    String id();

    /** @return the printers this driver can print to now. */
    List<HostPrinter> printers() throws PrintException;

    /** @return the printer with {@code printerId}, asked from the backend now. */
    Optional<HostPrinter> printer(String printerId) throws PrintException;

    /**
     * Submits a job. The document is read from {@code document} as it is sent to the backend, never held
     * whole in memory; the stream is read to its end (or until the backend refuses) but not closed.
     *
     * @return the job, accepted by the backend (it may still be pending)
     * @throws PrintException {@link PrintException.Kind#NOT_FOUND} for an unknown printer,
     *         {@link PrintException.Kind#UNSUPPORTED} for a document format or option the printer lacks,
     *         {@link PrintException.Kind#INVALID} for a document that is not what its format says,
     *         {@link PrintException.Kind#UNAVAILABLE} when the backend cannot be reached (worth a retry)
     */
    PrintJobHandle submit(String printerId, PrintJobRequest request, InputStream document) throws PrintException;

    /** {@link #submit(String, PrintJobRequest, InputStream)} for a channel (not closed either). */
    default PrintJobHandle submit(String printerId, PrintJobRequest request, ReadableByteChannel document)
            throws PrintException {
        // Channels.newInputStream does not buffer: the stream reads through to the channel
        InputStream in = Channels.newInputStream(new NonClosingChannel(document));
        return submit(printerId, request, in);
    }

    /** @return the job's state now; {@link PrintException.Kind#NOT_FOUND} if the backend forgot it. */
    PrintJobStatus status(PrintJobHandle job) throws PrintException;

    /**
     * Finds the job that a request with {@code idempotencyKey} created on {@code printerId}, also after a
     * restart of the server or the backend (as long as the backend keeps the job in its history).
     */
    Optional<PrintJobHandle> findJob(String printerId, String idempotencyKey) throws PrintException;

    /**
     * Cancels a job that is not terminal yet. Cancelling a job that already ended is not an error: the
     * status says how it ended.
     */
    void cancel(PrintJobHandle job) throws PrintException;
}
