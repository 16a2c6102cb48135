/**
 * The "disk" content backend — Deskplane's in-process "control VM": a stopped (or checked-out) desktop's virtual
 * disk read without running it. The image is opened read-only through {@link org.deskplane.disk.api.DiskImages}
 * (any format, backing chains), its partitions found by the {@link org.deskplane.disk.api.PartitionTableType}
 * services and each volume's file system opened by the first {@link org.deskplane.disk.api.FileSystemType} that
 * recognises it. A disk with one readable volume shows that volume as its root; with several, the root lists one
 * folder per volume. Nothing is ever written.
 * <p>
 * A running VM's disk (a desktop without an agent) is never read from the file the VM is writing: its hypervisor
 * exports a point-in-time view ({@code HypervisorConnection.exportPointInTime}: libvirt's pull-mode backup job,
 * with the guest's file systems frozen for that instant when its QEMU agent answers), read over NBD through
 * {@link org.deskplane.disk.api.NetworkBlockDevices}. The view keeps that moment until it closes (idle mount
 * sessions close), which ends the export. Only when no export can be had is the file read live, with a note
 * saying so. See docs/point-in-time-views.md.
 */
package org.deskplane.content.disk.internal;
