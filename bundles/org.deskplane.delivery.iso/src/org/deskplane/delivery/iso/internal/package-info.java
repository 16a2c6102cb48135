/**
 * The ISO 9660 writer behind {@link org.deskplane.delivery.iso.IsoImageBuilder}: the entry tree and its
 * checks, name mapping for the primary and Joliet trees, Rock Ridge entries, sector layout and the streaming
 * writer, each in its own small class.
 */
package org.deskplane.delivery.iso.internal;
