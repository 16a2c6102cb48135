package org.deskplane.content.index.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * One source's index on disk: gzip (whose CRC catches damage) around a header and the {@link SourceIndex}.
 * Written atomically (a temp file in the same folder, forced, then renamed over the old one), so a crash leaves
 * the old index or the new one, never half of one.
 */
final class IndexFile {
    private static final int MAGIC = 0x44504349; // "DPCI"
    private static final int VERSION = 1;
    private static final int END = 0x454E4421; // "END!"

    /** What is stored besides the index: when it was built, from where, and what a cap left out. */
    record Header(String sourceId, long builtAtMillis, String locationSignature, String detail) {
    }

    /** A loaded index. */
    record Loaded(Header header, SourceIndex index) {
    }

    private final Path directory;

    IndexFile(Path directory) {
        this.directory = directory;
    }

    /** The file of {@code sourceId}: a readable part of the id plus a hash, so any id gives a safe, unique name. */
    Path pathOf(String sourceId) {
        String readable = sourceId.replaceAll("[^A-Za-z0-9._-]", "_");
        if (readable.length() > 64) {
            readable = readable.substring(0, 64);
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(sourceId.getBytes(StandardCharsets.UTF_8));
            return directory.resolve(readable + "-" + HexFormat.of().formatHex(hash, 0, 8) + ".idx");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    void write(Header header, SourceIndex index) throws IOException {
        Files.createDirectories(directory);
        Path target = pathOf(header.sourceId());
        Path temp = Files.createTempFile(directory, ".index-", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                OutputStream raw = java.nio.channels.Channels.newOutputStream(channel);
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(nonClosing(raw)), 65536));
                out.writeInt(MAGIC);
                out.writeInt(VERSION);
                out.writeUTF(header.sourceId());
                out.writeLong(header.builtAtMillis());
                out.writeUTF(header.locationSignature());
                out.writeUTF(truncate(header.detail()));
                index.write(out);
                out.writeInt(END);
                out.close(); // finishes the gzip stream; the channel stays open to be forced
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The stored index of {@code sourceId}, or null when there is none; damage of any kind is an IOException. */
    Loaded read(String sourceId, int maxTerms, int maxFiles) throws IOException {
        Path file = pathOf(sourceId);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw), 65536))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                throw new IOException("not a content index file of this version");
            }
            Header header = new Header(in.readUTF(), in.readLong(), in.readUTF(), in.readUTF());
            if (!header.sourceId().equals(sourceId)) {
                throw new IOException("holds the index of " + header.sourceId());
            }
            SourceIndex index = SourceIndex.read(in, maxTerms, maxFiles);
            if (in.readInt() != END || in.read() != -1) {
                throw new IOException("trailing data after the index");
            }
            return new Loaded(header, index);
        } catch (RuntimeException e) {
            // e.g. a corrupt length in readUTF: still just a damaged file
            throw new IOException(e.toString(), e);
        }
    }

    void delete(String sourceId) throws IOException {
        Files.deleteIfExists(pathOf(sourceId));
    }

    private static String truncate(String text) {
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
