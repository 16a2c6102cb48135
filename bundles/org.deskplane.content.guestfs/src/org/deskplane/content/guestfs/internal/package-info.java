/**
 * The "guestfs" content backend: reads a powered-off desktop's disk inside a libguestfs helper VM (one
 * {@code guestfish} process per opened view, read-only), for the file systems Deskplane's in-process readers do
 * not know (xfs, btrfs, LVM, …). The "disk" backend falls back to it. Needs Debian's libguestfs-tools.
 */
package org.deskplane.content.guestfs.internal;
