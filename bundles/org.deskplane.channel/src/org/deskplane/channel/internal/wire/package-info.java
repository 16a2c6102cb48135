/**
 * Bytes on the wire: the frame header codec (bounded: nothing is allocated from a length before it is
 * checked against the limit), payload readers/writers and the handshake messages. No threads, no OSGi.
 */
package org.deskplane.channel.internal.wire;
