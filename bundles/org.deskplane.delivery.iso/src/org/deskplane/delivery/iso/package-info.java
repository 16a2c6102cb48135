/**
 * Builds ISO 9660 CD-ROM images for software delivery (issue 7): a payload (patches, files, an installer
 * script) is written into an image that is inserted into a virtual machine's CD-ROM drive, where the guest
 * agent finds the disc by its volume label, mounts it and runs it.
 * <p>
 * {@link org.deskplane.delivery.iso.IsoImageBuilder} collects files and folders and writes an image with an
 * ECMA-119 primary tree carrying Rock Ridge (full UTF-8 names, POSIX modes, times — what Linux, xorriso and
 * libarchive read), a Joliet tree (Unicode names for Windows) and L/M path tables for both. Output is
 * deterministic: the same inputs and timestamp give byte-identical images. File data is streamed, never held
 * in memory.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.deskplane.delivery.iso;
