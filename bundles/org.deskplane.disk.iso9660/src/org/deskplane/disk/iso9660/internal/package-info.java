/**
 * The ISO 9660 reader offered as the {@link org.deskplane.disk.api.FileSystemType} "iso9660": volume
 * descriptors, directory records, Joliet and Rock Ridge, each in its own small class.
 */
package org.deskplane.disk.iso9660.internal;
