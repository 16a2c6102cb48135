/**
 * The messages of printing on the guest↔host channel (docs/print-channel-protocol.md), shared by the guest's virtual
 * printer ({@code org.deskplane.print.agent}) and the host's bridge to the router ({@code org.deskplane.print.channel}):
 * a compact binary encoding, version 1, every count and length bounded ({@link org.deskplane.print.wire.WireReader}),
 * so a peer that sends garbage gets a clear error instead of using up memory.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.deskplane.print.wire;
