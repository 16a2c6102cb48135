package org.deskplane.disk.iso9660.internal;

/**
 * One System Use Sharing Protocol entry: its two-letter signature and the bytes after its 4-byte header.
 */
record SuspEntry(String signature, int version, byte[] data) {
}
