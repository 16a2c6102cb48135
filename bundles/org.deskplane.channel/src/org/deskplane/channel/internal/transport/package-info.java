/** Byte pipes the channel runs over: Unix domain sockets (host and tests) and the guest's virtio-serial port. */
package org.deskplane.channel.internal.transport;
