/**
 * The host's side of extension modules on the channel: answers the guest's {@code module.*} requests and the
 * {@code module.upload} stream by calling the {@link org.deskplane.modules.api.ModuleHost}, with a
 * {@link org.deskplane.modules.api.Requester} built from what the host knows about the authenticated peer's VM
 * (hypervisor metadata: owner, image), never from what the guest says. Protocol: docs/module-channel-protocol.md.
 * Protocol modules add verbs by registering their own {@code MessageHandler} services; nothing here routes them.
 */
package org.deskplane.modules.channel.internal;
