/**
 * The agent's side: finds its transport (virtio-serial port or a Unix socket), proves it knows the VM's
 * secret, checks the host's proof, and reconnects forever with backoff; the DS component runs it from
 * the {@code org.deskplane.channel.agent} configuration.
 */
package org.deskplane.channel.internal.agent;
