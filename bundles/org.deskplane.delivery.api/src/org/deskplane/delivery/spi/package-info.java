/**
 * What the deployment engine is built from, each a whiteboard service of its own hot-swappable bundle:
 * {@link org.deskplane.delivery.spi.DeliveryMethod}s put a payload where the guest can read it (virtual CD-ROM,
 * hot-added disk clone, a copy over a channel) and take it away again; {@link org.deskplane.delivery.spi.GuestProcessor}s
 * talk to the software in the guest that processes it (the Deskplane agent, or only QEMU's guest agent).
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.deskplane.delivery.spi;
