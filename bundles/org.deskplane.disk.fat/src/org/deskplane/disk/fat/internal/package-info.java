/**
 * A read-only reader of FAT12, FAT16 and FAT32 volumes, registered as the {@code FileSystemType} service "fat":
 * the boot sector ({@link org.deskplane.disk.fat.internal.BootSector}) is validated and gives the layout, the
 * FAT ({@link org.deskplane.disk.fat.internal.FatTable}, a small block cache) gives cluster chains, directories
 * ({@link org.deskplane.disk.fat.internal.DirectoryParser}) give 8.3 and VFAT long names. FAT stores local times
 * without a zone: this reader interprets them as UTC.
 */
package org.deskplane.disk.fat.internal;
