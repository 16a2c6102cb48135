package org.deskplane.layers.store.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.util.ArrayList;
import java.util.List;

import org.deskplane.layers.api.EntryType;
import org.deskplane.layers.api.FileEntry;
import org.deskplane.layers.api.Layer;

/**
 * The canonical serialized form of a layer manifest, whose SHA-256 is the manifest's digest: a header (magic, form
 * version, layer, entry count) and then the entries in path order, hashes as 32 raw bytes. Reading is streamed
 * entry by entry and bounded, so a manifest of half a million files never sits in memory as bytes, and a damaged or
 * hostile one fails with a clear message instead of an allocation.
 */
final class ManifestCodec {

    private static final int MAGIC = 0x44504c4d; // "DPLM"
    private static final byte FORM = 1;
    static final int MAX_ENTRIES = 20_000_000;
    /** A 16 TiB file in 16 MiB chunks: anything above is not a file we keep. */
    static final int MAX_CHUNKS_PER_ENTRY = 1 << 20;

    private ManifestCodec() {
    }

    /** Receives entries while a manifest is read. */
    interface EntrySink {
        void accept(FileEntry entry) throws IOException;
    }

    static void writeHeader(DataOutputStream out, Layer layer, int entries) throws IOException {
        out.writeInt(MAGIC);
        out.writeByte(FORM);
        out.writeUTF(layer.name());
        out.writeInt(entries);
    }

    static void writeEntry(DataOutputStream out, FileEntry entry) throws IOException {
        out.writeUTF(entry.path());
        out.writeByte(entry.type().ordinal());
        out.writeInt(entry.mode());
        out.writeUTF(entry.owner());
        out.writeLong(entry.modifiedMillis());
        out.writeLong(entry.size());
        if (entry.contentHash().isEmpty()) {
            out.writeByte(0);
        } else {
            out.writeByte(1);
            out.write(Hashes.unhex(entry.contentHash()));
        }
        out.writeInt(entry.chunks().size());
        for (String chunk : entry.chunks()) {
            out.write(Hashes.unhex(chunk));
        }
        out.writeUTF(entry.linkTarget());
    }

    /** Reads the header; returns the entry count. */
    static int readHeader(DataInputStream in, Layer expected) throws IOException {
        if (in.readInt() != MAGIC || in.readByte() != FORM) {
            throw new IOException("not a manifest of form " + FORM);
        }
        String layer = in.readUTF();
        if (expected != null && !expected.name().equals(layer)) {
            throw new IOException("manifest of layer " + layer + " where " + expected + " was expected");
        }
        int count = in.readInt();
        if (count < 0 || count > MAX_ENTRIES) {
            throw new IOException("manifest claims " + count + " entries");
        }
        return count;
    }

    static Layer readLayer(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC || in.readByte() != FORM) {
            throw new IOException("not a manifest of form " + FORM);
        }
        try {
            return Layer.valueOf(in.readUTF());
        } catch (IllegalArgumentException e) {
            throw new IOException("manifest of an unknown layer");
        }
    }

    static FileEntry readEntry(DataInputStream in) throws IOException {
        try {
            String path = in.readUTF();
            int typeOrdinal = in.readByte();
            EntryType[] types = EntryType.values();
            if (typeOrdinal < 0 || typeOrdinal >= types.length) {
                throw new IOException("unknown entry type " + typeOrdinal + " for " + path);
            }
            int mode = in.readInt();
            String owner = in.readUTF();
            long modified = in.readLong();
            long size = in.readLong();
            String contentHash = switch (in.readByte()) {
                case 0 -> "";
                case 1 -> readHash(in);
                default -> throw new IOException("bad content hash marker for " + path);
            };
            int chunkCount = in.readInt();
            if (chunkCount < 0 || chunkCount > MAX_CHUNKS_PER_ENTRY) {
                throw new IOException(path + " claims " + chunkCount + " chunks");
            }
            List<String> chunks = new ArrayList<>(Math.min(chunkCount, 1024));
            for (int i = 0; i < chunkCount; i++) {
                chunks.add(readHash(in));
            }
            String linkTarget = in.readUTF();
            return new FileEntry(path, types[typeOrdinal], mode, owner, modified, size, contentHash, chunks, linkTarget);
        } catch (EOFException | UTFDataFormatException e) {
            throw new IOException("manifest is cut short or damaged", e);
        } catch (IllegalArgumentException e) {
            throw new IOException("manifest holds a bad entry: " + e.getMessage(), e);
        }
    }

    private static String readHash(DataInputStream in) throws IOException {
        byte[] hash = new byte[32];
        in.readFully(hash);
        return Hashes.hex(hash);
    }
}
