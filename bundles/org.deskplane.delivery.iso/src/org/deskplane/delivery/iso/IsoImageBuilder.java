package org.deskplane.delivery.iso;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.time.Instant;

import org.deskplane.delivery.iso.internal.DefaultIsoImageBuilder;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Collects files for one ISO 9660 image (Rock Ridge + Joliet) and writes it.
 * <p>
 * Paths inside the image ("isoPath") are '/' separated, relative to the image root, in any Unicode; each name
 * is at most {@value #MAX_NAME_BYTES} UTF-8 bytes (the Linux limit for Rock Ridge names) and a path at most
 * {@value #MAX_PATH_BYTES} bytes. Directories are created implicitly. Input mistakes (a bad label or path, a
 * symbolic link, a duplicate, a file too large, too many entries) fail with an {@link IllegalArgumentException}
 * when added, before anything is written.
 * <p>
 * Directories deeper than ECMA-119's 8 levels are written in place (no RR_MOVED relocation): Linux, xorriso,
 * libarchive and Windows read them; only pure level-1 readers without Rock Ridge/Joliet would not. Not thread
 * safe. Source files are read when the image is written and must not change size in between.
 */
@ProviderType
public interface IsoImageBuilder {

    /** Longest name (one path segment) in UTF-8 bytes. */
    int MAX_NAME_BYTES = 255;

    /** Longest image path in UTF-8 bytes (below Linux's PATH_MAX with room for a mount point). */
    int MAX_PATH_BYTES = 3072;

    /** Default bound on files plus directories in one image. */
    int DEFAULT_MAX_ENTRIES = 1_000_000;

    /** Largest file: ISO 9660 records a file's size in 32 bits, and this builder writes one extent per file. */
    long MAX_FILE_SIZE = 0xFFFF_FFFFL;

    /** The timestamp used unless {@link #timestamp(Instant)} sets another: fixed so that images are reproducible. */
    Instant DEFAULT_TIMESTAMP = Instant.parse("1980-01-01T00:00:00Z");

    /**
     * A builder for an image whose volume label is {@code label}: 1 to 16 characters of A-Z, 0-9 and '_' (16
     * because Joliet holds 16 characters, and the guest agent finds the disc by this label).
     *
     * @throws IllegalArgumentException when the label is not of that form
     */
    static IsoImageBuilder create(String label) {
        return new DefaultIsoImageBuilder(label);
    }

    /** The volume label. */
    String label();

    /**
     * Sets the time recorded everywhere in the image (volume descriptors and every directory record); between
     * 1900 and 2155, and whole seconds are kept.
     */
    IsoImageBuilder timestamp(Instant time);

    /** Lowers (or raises) the bound on files plus directories; at least 1. */
    IsoImageBuilder maxEntries(int max);

    /**
     * Whether the primary tree carries Rock Ridge entries (default true). Without them, readers fall back to
     * Joliet names, and Linux to Joliet too.
     */
    IsoImageBuilder rockRidge(boolean enabled);

    /** Adds the contents of {@code directory}, recursively, at the image root. */
    IsoImageBuilder addTree(Path directory) throws IOException;

    /** Adds the contents of {@code directory}, recursively, under the image directory {@code isoPath}. */
    IsoImageBuilder addTree(String isoPath, Path directory) throws IOException;

    /** Adds the regular file {@code source} as {@code isoPath}; it stays executable in the image if it is here. */
    IsoImageBuilder addFile(String isoPath, Path source) throws IOException;

    /** Adds {@code content} (copied) as the file {@code isoPath}. */
    IsoImageBuilder addBytes(String isoPath, byte[] content);

    /** Adds {@code content} (copied) as the file {@code isoPath}, executable when {@code executable}. */
    IsoImageBuilder addBytes(String isoPath, byte[] content, boolean executable);

    /** Adds an (empty) directory {@code isoPath}. */
    IsoImageBuilder addDirectory(String isoPath);

    /** The exact size in bytes that {@link #writeTo} will write. */
    long imageSize();

    /**
     * Writes the image to {@code target}: into {@code target.tmp} beside it first, forced to disk, then moved
     * over {@code target} atomically; the temporary file is deleted when anything fails.
     */
    void writeTo(Path target, IsoProgress progress) throws IOException;

    /** Writes the image to {@code out} (which is not closed). */
    void writeTo(WritableByteChannel out, IsoProgress progress) throws IOException;
}
