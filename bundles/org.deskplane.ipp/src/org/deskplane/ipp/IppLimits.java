package org.deskplane.ipp;

/**
 * Bounds for reading a message from untrusted bytes. Every count and length is checked as the bytes arrive,
 * so a hostile peer cannot make the reader allocate or loop past them.
 *
 * @param maxHeaderBytes all bytes from the version to the end-of-attributes tag
 * @param maxAttributes attributes, counting collection members
 * @param maxValues values, counting additional values of a 1setOf and values inside collections
 * @param maxNameLength bytes of an attribute or member name
 * @param maxValueLength bytes of one value (the wire format allows 32767)
 * @param maxDepth nesting of collections inside collections
 */
public record IppLimits(int maxHeaderBytes, int maxAttributes, int maxValues, int maxNameLength, int maxValueLength,
        int maxDepth) {

    /** Generous for printers (a Get-Printer-Attributes answer of a real printer is 10–60 KiB), tight for abuse. */
    public static final IppLimits DEFAULT = new IppLimits(1 << 20, 4096, 16384, 255, 32767, 8);

    public IppLimits {
        if (maxHeaderBytes < 9 || maxAttributes < 1 || maxValues < 1 || maxNameLength < 1 || maxValueLength < 0
                || maxValueLength > 32767 || maxDepth < 0) {
            throw new IllegalArgumentException("invalid IPP limits");
        }
    }
}
