/**
 * Reading virtual disks without running them, in layers that each come from their own bundle:
 * <ol>
 * <li>{@link org.deskplane.disk.api.DiskImageFormat} services turn an image file (raw, qcow2, VMDK, VHD…) into
 * the guest-visible bytes, a {@link org.deskplane.disk.api.BlockDevice}; {@link org.deskplane.disk.api.DiskImages}
 * probes the format and follows backing chains;</li>
 * <li>{@link org.deskplane.disk.api.PartitionTableType} services (MBR, GPT) find the
 * {@link org.deskplane.disk.api.Partition}s on a device;</li>
 * <li>{@link org.deskplane.disk.api.FileSystemType} services (ext2/3/4, FAT, NTFS, ISO 9660…) open a
 * {@link org.deskplane.disk.api.FileSystem} on a partition or a whole device.</li>
 * </ol>
 * Everything is read-only and random access. The bytes come from untrusted images: every parser checks
 * offsets, lengths and counts against the device and its own limits before it reads or allocates, detects
 * loops, and reports what it cannot accept as a {@link org.deskplane.disk.api.DiskFormatException} naming the
 * structure and where it is; nothing here loops or allocates without bound on corrupt input.
 */
@org.osgi.annotation.versioning.Version("1.2.0")
package org.deskplane.disk.api;
