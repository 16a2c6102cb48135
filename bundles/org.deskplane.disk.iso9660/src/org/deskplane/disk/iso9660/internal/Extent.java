package org.deskplane.disk.iso9660.internal;

/** A contiguous run of a file's bytes: {@code length} bytes from the start of {@code block}. */
record Extent(long block, long length) {
}
