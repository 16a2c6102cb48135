/**
 * The ext2/3/4 reader: {@link org.deskplane.disk.ext.internal.ExtFileSystemType} is the DS component; the
 * other classes each read one on-disk structure (superblock, group descriptors, inodes, extent trees, block
 * maps, directories, inline data) through a small bounded {@link org.deskplane.disk.ext.internal.BlockCache}.
 */
package org.deskplane.disk.ext.internal;
