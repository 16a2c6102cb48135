/**
 * The messages of extension modules on the guest↔host channel (docs/module-channel-protocol.md): a compact binary
 * encoding, version 1, shared by the guest side ({@code org.deskplane.modules.agent}) and the host's bridge
 * ({@code org.deskplane.modules.channel}). {@link org.deskplane.modules.wire.WireReader} bounds every length and count,
 * so a peer that sends garbage gets a clear {@link org.deskplane.modules.wire.WireException} instead of using up
 * memory. Every answer is a {@link org.deskplane.modules.wire.ModuleAnswer}: a status name, a message, a payload.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.deskplane.modules.wire;
