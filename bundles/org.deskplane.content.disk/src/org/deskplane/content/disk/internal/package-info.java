/**
 * The "disk" content backend — Deskplane's in-process "control VM": a stopped (or checked-out) desktop's virtual
 * disk read without running it. The image is opened read-only through {@link org.deskplane.disk.api.DiskImages}
 * (any format, backing chains), its partitions found by the {@link org.deskplane.disk.api.PartitionTableType}
 * services and each volume's file system opened by the first {@link org.deskplane.disk.api.FileSystemType} that
 * recognises it. A disk with one readable volume shows that volume as its root; with several, the root lists one
 * folder per volume. Nothing is ever written.
 */
package org.deskplane.content.disk.internal;
