/**
 * Delivery by hot-added disk clone ("hot add"): per VM a thin qcow2 overlay on the payload's ISO image is hot-added
 * read-only as a virtio disk, then detached and deleted. The overlay means no two guests ever open the same
 * writable image, even if a guest mounts it read-write.
 */
package org.deskplane.delivery.diskclone.internal;
