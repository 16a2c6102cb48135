package org.deskplane.content.channel.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.deskplane.content.api.ContentEntry;
import org.deskplane.content.api.ContentException;
import org.deskplane.content.api.ContentException.Reason;
import org.deskplane.content.api.ContentReader;
import org.deskplane.content.api.ContentView;
import org.deskplane.content.api.EntryType;

import com.fasterxml.jackson.databind.JsonNode;

/** A running desktop's files as its agent serves them; read-only. Holds no state in the guest. */
final class AgentView implements ContentView {
    static final int MAX_LIST = 100_000;
    static final int MIN_PAGE = 4 << 10;

    private final AgentClient agent;
    private final ChunkCache cache;
    private final int chunkSize;
    private volatile int listPageBytes;

    AgentView(AgentClient agent, ChunkCache cache, int chunkSize, int listPageBytes) {
        this.agent = agent;
        this.cache = cache;
        this.chunkSize = chunkSize;
        this.listPageBytes = listPageBytes;
    }

    @Override
    public ContentEntry stat(String path) throws IOException {
        JsonNode answer = agent.json("content.stat", Map.of("v", AgentClient.VERSION, "path", path));
        return seen(WireEntries.entry(path, answer.get("entry")));
    }

    @Override
    public List<ContentEntry> list(String path) throws IOException {
        List<ContentEntry> entries = new ArrayList<>();
        String after = null;
        while (true) {
            Map<String, Object> request = after == null
                    ? Map.of("v", AgentClient.VERSION, "path", path, "maxBytes", listPageBytes)
                    : Map.of("v", AgentClient.VERSION, "path", path, "maxBytes", listPageBytes, "after", after);
            JsonNode answer;
            try {
                answer = agent.json("content.list", request);
            } catch (AgentClient.FrameTooLarge e) {
                if (listPageBytes / 2 < MIN_PAGE) {
                    throw e;
                }
                // the channel negotiated smaller frames than the page: ask for smaller pages from now on
                listPageBytes /= 2;
                continue;
            }
            JsonNode page = answer.path("entries");
            if (!page.isArray()) {
                throw new ContentException(Reason.UNREADABLE, "the agent's listing of " + path + " has no entries");
            }
            for (JsonNode e : page) {
                String name = e.path("n").asText("");
                // names come sorted; one that does not advance would make the paging loop forever
                if (name.isEmpty() || name.contains("/") || (after != null && name.compareTo(after) <= 0)) {
                    throw new ContentException(Reason.UNREADABLE, "the agent's listing of " + path + " is malformed");
                }
                if (entries.size() >= MAX_LIST) {
                    throw new ContentException(Reason.UNREADABLE, path + " has more than " + MAX_LIST + " entries");
                }
                entries.add(seen(WireEntries.entry(WireEntries.child(path, name), e)));
                after = name;
            }
            if (!answer.path("more").asBoolean(false)) {
                return entries;
            }
            if (page.isEmpty()) {
                throw new ContentException(Reason.UNREADABLE, "the agent's listing of " + path + " stalled");
            }
        }
    }

    @Override
    public ContentReader open(String path) throws IOException {
        ContentEntry entry = stat(path);
        if (entry.type() != EntryType.FILE) {
            throw new ContentException(Reason.WRONG_TYPE, path + " is not a file");
        }
        return new AgentReader(agent, cache, entry, chunkSize);
    }

    @Override
    public boolean writable() {
        return false;
    }

    @Override
    public void close() {
        // nothing held in the guest; cached chunks stay for the next view of the same files
    }

    /** Whatever the agent says a file is now makes the cache forget its other versions. */
    private ContentEntry seen(ContentEntry entry) {
        if (entry.type() == EntryType.FILE) {
            cache.retain(agent.vmId(), entry.path(), entry.etag());
        }
        return entry;
    }
}
