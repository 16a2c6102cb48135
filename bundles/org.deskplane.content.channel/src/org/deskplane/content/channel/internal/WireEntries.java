package org.deskplane.content.channel.internal;

import java.time.Instant;

import org.deskplane.content.api.ContentEntry;
import org.deskplane.content.api.ContentException;
import org.deskplane.content.api.ContentException.Reason;
import org.deskplane.content.api.EntryType;

import com.fasterxml.jackson.databind.JsonNode;

/** Decodes the wire's entry objects {@code {"n","t","s","m","l","e"}} (docs/content-agent-protocol.md). */
final class WireEntries {
    private WireEntries() {
    }

    static ContentEntry entry(String path, JsonNode e) throws ContentException {
        if (e == null || !e.isObject() || !e.path("e").isTextual() || !e.path("t").isTextual()) {
            throw new ContentException(Reason.UNREADABLE, "the agent sent a malformed entry for " + path);
        }
        EntryType type = switch (e.path("t").asText()) {
        case "f" -> EntryType.FILE;
        case "d" -> EntryType.DIRECTORY;
        case "l" -> EntryType.SYMLINK;
        default -> EntryType.OTHER;
        };
        long size = type == EntryType.FILE ? Math.max(0, e.path("s").asLong(0)) : 0;
        Instant modified = e.path("m").isIntegralNumber() ? Instant.ofEpochMilli(e.path("m").asLong()) : null;
        String link = type == EntryType.SYMLINK && e.path("l").isTextual() ? e.path("l").asText() : null;
        String name = path.equals("/") ? "" : path.substring(path.lastIndexOf('/') + 1);
        return new ContentEntry(name, path, type, size, modified, link, e.path("e").asText());
    }

    static String child(String directory, String name) {
        return directory.equals("/") ? "/" + name : directory + "/" + name;
    }
}
