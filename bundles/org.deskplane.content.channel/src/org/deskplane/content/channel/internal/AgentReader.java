package org.deskplane.content.channel.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.deskplane.content.api.ContentEntry;
import org.deskplane.content.api.ContentException;
import org.deskplane.content.api.ContentException.Reason;
import org.deskplane.content.api.ContentReader;

/**
 * Reads one version of an agent file in aligned chunks ({@code content.read}), through the cache. If the guest's
 * file changes while it is being read, the read fails rather than mixing bytes of two versions.
 */
final class AgentReader implements ContentReader {
    static final int MIN_CHUNK = 2 << 10;

    private final AgentClient agent;
    private final ChunkCache cache;
    private final ContentEntry entry;
    private volatile int chunkSize;

    AgentReader(AgentClient agent, ChunkCache cache, ContentEntry entry, int chunkSize) {
        this.agent = agent;
        this.cache = cache;
        this.entry = entry;
        this.chunkSize = chunkSize;
    }

    @Override
    public ContentEntry entry() {
        return entry;
    }

    @Override
    public int read(long position, byte[] buffer, int offset, int length) throws IOException {
        if (position < 0) {
            throw new ContentException(Reason.INVALID, "negative position");
        }
        if (position >= entry.size()) {
            return -1;
        }
        if (length == 0) {
            return 0;
        }
        int size = chunkSize;
        long index = position / size;
        byte[] chunk;
        try {
            chunk = chunk(index, size);
        } catch (AgentClient.FrameTooLarge e) {
            if (size / 2 < MIN_CHUNK) {
                throw e;
            }
            // the channel negotiated smaller frames than the chunk: ask for less from now on
            chunkSize = Math.min(chunkSize, size / 2);
            return read(position, buffer, offset, length);
        }
        int from = (int) (position - index * size);
        if (from >= chunk.length) {
            return -1;
        }
        int n = Math.min(length, chunk.length - from);
        System.arraycopy(chunk, from, buffer, offset, n);
        return n;
    }

    private byte[] chunk(long index, int size) throws IOException {
        ChunkCache.Key key = new ChunkCache.Key(agent.vmId(), entry.path(), entry.etag(), size, index);
        byte[] chunk = cache.get(key);
        if (chunk != null) {
            return chunk;
        }
        byte[] answer = agent.raw("content.read", Map.of("v", AgentClient.VERSION, "path", entry.path(), "position",
                index * size, "length", size));
        chunk = data(answer);
        cache.put(key, chunk);
        return chunk;
    }

    /** Checks a binary read answer (marker 0, version 1, etag, file size, bytes) and returns its bytes. */
    private byte[] data(byte[] answer) throws ContentException {
        ByteBuffer b = ByteBuffer.wrap(answer);
        if (answer.length < 4 || b.get() != 0 || b.get() != AgentClient.VERSION) {
            throw new ContentException(Reason.UNREADABLE, "the agent's content.read answer is malformed");
        }
        int tagLength = Short.toUnsignedInt(b.getShort());
        if (b.remaining() < tagLength + 8) {
            throw new ContentException(Reason.UNREADABLE, "the agent's content.read answer is truncated");
        }
        String etag = new String(answer, b.position(), tagLength, StandardCharsets.UTF_8);
        b.position(b.position() + tagLength);
        b.getLong(); // the file's size now: the etag already tells whether it is still the version opened
        if (!etag.equals(entry.etag())) {
            cache.retain(agent.vmId(), entry.path(), etag);
            throw new ContentException(Reason.UNAVAILABLE, entry.path() + " changed while being read: open it again");
        }
        byte[] data = new byte[b.remaining()];
        b.get(data);
        return data;
    }

    @Override
    public void close() {
        // nothing open in the guest: every read is a request of its own
    }
}
