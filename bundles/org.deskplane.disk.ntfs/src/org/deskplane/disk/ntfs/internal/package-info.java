/**
 * The NTFS reader: boot sector, MFT records with fixups, attributes and runlists, attribute lists, directory
 * indexes, reparse points; exposed as the "ntfs" {@link org.deskplane.disk.api.FileSystemType} service.
 */
package org.deskplane.disk.ntfs.internal;
