/**
 * Host printing backends for Deskplane: printing from virtual desktops to the printers the host can reach.
 * <p>
 * A {@link org.deskplane.print.api.PrinterDriver} service is one printing backend of the host (CUPS, a PDF
 * directory…), registered with the service property {@value org.deskplane.print.api.PrinterDriver#DRIVER_PROPERTY}.
 * It lists its {@link org.deskplane.print.api.HostPrinter}s with their
 * {@link org.deskplane.print.api.PrinterCapabilities}, accepts a job as a {@link org.deskplane.print.api.PrintJobRequest}
 * plus a document <em>stream</em> (a driver never holds a whole document in memory), and answers a
 * {@link org.deskplane.print.api.PrintJobHandle} whose {@link org.deskplane.print.api.PrintJobStatus} the caller
 * follows until it is terminal, or cancels.
 * <p>
 * <b>Exactly once across crashes.</b> Every request carries an idempotency key chosen by the caller. The
 * driver stores it with the job where the backend keeps jobs (a job attribute in CUPS, the file name in the
 * PDF directory), and {@link org.deskplane.print.api.PrinterDriver#findJob} finds the job by that key after a
 * restart of either side. A spooler that crashed between "submit" and "remember the handle" therefore asks
 * {@code findJob} before submitting again.
 * <p>
 * <b>Printer changes.</b> A driver posts an OSGi Event Admin event on
 * {@value org.deskplane.print.api.PrintEvents#PRINTERS_CHANGED} when printers appear, disappear or change, so
 * consumers (the router, the guests' virtual printers) follow without a restart.
 */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.deskplane.print.api;
