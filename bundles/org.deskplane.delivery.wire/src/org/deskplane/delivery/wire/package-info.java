/**
 * The software delivery messages between the host and the Deskplane agent in a guest (message and stream types of
 * the channel, and their bodies). Bodies are small UTF-8 key/value documents in the
 * {@link java.util.Properties} format, read with a size bound; see docs/delivery-channel-protocol.md.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.deskplane.delivery.wire;
