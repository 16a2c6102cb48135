/**
 * Routing of print jobs from VMs to the host's printers: the seam between the guest side (the agent's virtual
 * printers and the channel that carries their jobs) and the host's router ({@code org.deskplane.print}), which decides
 * which printers a VM sees, keeps every accepted job in a durable spool until a printer driver has printed it exactly
 * once, and audits each job.
 * <p>
 * A job is identified by the {@link org.deskplane.print.api.PrintJobRequest#idempotencyKey() idempotency key} the
 * guest chose: submitting the same key again (after a channel drop, an agent restart) returns the job already
 * spooled instead of printing twice. Job changes are posted on {@link org.deskplane.print.routing.RoutingEvents}.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.deskplane.print.routing;
