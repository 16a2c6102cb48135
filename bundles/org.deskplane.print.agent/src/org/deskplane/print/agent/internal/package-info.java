/**
 * The guest's driverless virtual printer: an IPP Everywhere printer server on the guest's loopback
 * ({@code ipp://127.0.0.1:8631/ipp/print/<printer id>}), one printer per host printer the VM may use (asked from the
 * host with {@code print.printers} and refreshed when the host says they changed). A job's document streams to the
 * host over the channel as it arrives ({@code print.submit}) and is teed into a small spool file, so that after a
 * channel drop or an agent restart it is sent again with the same idempotency key until the host confirms it is
 * spooled. Job states come back from the host's {@code print.job-changed} events (and polling). Protocol:
 * docs/print-channel-protocol.md.
 */
package org.deskplane.print.agent.internal;
