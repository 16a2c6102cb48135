package org.deskplane.vmdiff.store.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** SHA-256 per fixed-size block of a saved memory state: what lets a copy fetch only the blocks it lacks. */
public final class MemoryIndex {
    public static final int BLOCK = 1 << 20;
    private static final int MAGIC = 0x4450564D; // "DPVM"

    private MemoryIndex() {
    }

    public static List<byte[]> hashBlocks(Path memory) throws IOException {
        List<byte[]> hashes = new ArrayList<>();
        ByteBuffer block = ByteBuffer.allocate(BLOCK);
        try (FileChannel channel = FileChannel.open(memory, StandardOpenOption.READ)) {
            long size = channel.size();
            for (long at = 0; at < size; at += BLOCK) {
                block.clear().limit((int) Math.min(BLOCK, size - at));
                while (block.hasRemaining() && channel.read(block, at + block.position()) >= 0) {
                    // fill the block
                }
                block.flip();
                hashes.add(Hashes.of(block));
            }
        }
        return hashes;
    }

    public static byte[] encode(long size, List<byte[]> hashes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(MAGIC);
        out.writeInt(BLOCK);
        out.writeLong(size);
        out.writeInt(hashes.size());
        for (byte[] hash : hashes) {
            out.write(hash);
        }
        out.flush();
        return bytes.toByteArray();
    }

    /** The exact size of the index of a memory state of {@code size} bytes. */
    public static long bytesFor(long size) {
        return 4 + 4 + 8 + 4 + 32 * ((size + BLOCK - 1) / BLOCK);
    }

    /**
     * Decodes the block hashes of a memory state of {@code size} bytes, each field checked, from the same bytes
     * whose hash the caller has checked; {@code file} only names it in errors.
     */
    public static List<byte[]> decode(byte[] bytes, Path file, long size) throws IOException {
        long expected = (size + BLOCK - 1) / BLOCK;
        try (InputStream in = new java.io.ByteArrayInputStream(bytes)) {
            DataInputStream data = new DataInputStream(in);
            if (data.readInt() != MAGIC || data.readInt() != BLOCK || data.readLong() != size) {
                throw new IOException(file + " is not the memory index of " + size + " bytes");
            }
            int count = data.readInt();
            if (count != expected) {
                throw new IOException(file + ": " + count + " blocks for " + size + " bytes");
            }
            List<byte[]> hashes = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                byte[] hash = new byte[32];
                data.readFully(hash);
                hashes.add(hash);
            }
            return hashes;
        }
    }
}
