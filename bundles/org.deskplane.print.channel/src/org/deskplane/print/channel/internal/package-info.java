/**
 * The host's side of printing from guests: answers the guest virtual printers' requests and job streams on the
 * channel ({@code print.printers}, {@code print.submit}, {@code print.status}, {@code print.cancel}) by calling the
 * {@link org.deskplane.print.routing.PrintRouter}, with a {@link org.deskplane.print.routing.PrintingContext} built
 * from what the host knows about the authenticated peer's VM (hypervisor metadata), never from what the guest says;
 * and tells each connected guest when its jobs or its printers change. Protocol: docs/print-channel-protocol.md.
 */
package org.deskplane.print.channel.internal;
