package org.deskplane.content.agent.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.deskplane.channel.api.MessageHandler;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code content.list} {"v":1,"path","after"?,"maxBytes"?} → {"v":1,"entries":[…],"more":bool}: one page of the
 * directory, sorted by name, starting after the name {@code after}. A page fits {@code maxBytes} (so it fits one
 * channel frame); the host asks again with the last name while {@code more}. Directories of more than
 * {@value #MAX_ENTRIES} entries are refused rather than read without bound.
 */
@Component(service = MessageHandler.class, property = MessageHandler.MESSAGE_TYPE + "=content.list")
public final class ListHandler extends ContentHandler {
    static final int MAX_ENTRIES = 100_000;
    static final int MIN_PAGE = 4 << 10;
    static final int DEFAULT_PAGE = 128 << 10;

    @Reference
    private GuestRoots roots;

    @Override
    byte[] answer(Map<String, Object> request) throws GuestError, IOException {
        GuestRoots.Located at = roots.locate(RequestJson.string(request, "path"));
        String after = request.get("after") instanceof String s ? s : null;
        long budget = Math.clamp(RequestJson.number(request, "maxBytes", DEFAULT_PAGE), MIN_PAGE, ContentWire.MAX_READ) - 64;
        List<Child> children = at.virtualRoot() ? rootChildren() : children(at);
        children.sort((x, y) -> x.name().compareTo(y.name()));
        StringBuilder page = new StringBuilder("{\"v\":").append(ContentWire.VERSION).append(",\"entries\":[");
        int count = 0;
        boolean more = false;
        for (Child child : children) {
            if (after != null && child.name().compareTo(after) <= 0) {
                continue;
            }
            String entry;
            try {
                BasicFileAttributes a = GuestEntries.attributes(at.path(), child.file());
                entry = GuestEntries.json(child.name(), child.file(), a);
            } catch (GuestError | NoSuchFileException e) {
                continue; // gone (or hidden from us) since the directory was read
            }
            // UTF-8 may take 3 bytes per char: leave room for that
            if (count > 0 && (page.length() + entry.length()) * 3L > budget) {
                more = true;
                break;
            }
            page.append(count++ == 0 ? "" : ",").append(entry);
        }
        return utf8(page.append("],\"more\":").append(more).append('}').toString());
    }

    private record Child(String name, Path file) {
    }

    private List<Child> rootChildren() {
        List<Child> children = new ArrayList<>();
        roots.roots().forEach((name, dir) -> children.add(new Child(name, dir)));
        return children;
    }

    private static List<Child> children(GuestRoots.Located at) throws GuestError, IOException {
        BasicFileAttributes a = GuestEntries.attributes(at.path(), at.file());
        if (!a.isDirectory()) {
            throw new GuestError(GuestError.WRONG_TYPE, at.path() + " is not a directory");
        }
        List<Child> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(at.file())) {
            for (Path child : stream) {
                if (children.size() >= MAX_ENTRIES) {
                    throw new GuestError(GuestError.UNREADABLE, at.path() + " has more than " + MAX_ENTRIES + " entries");
                }
                children.add(new Child(child.getFileName().toString(), child));
            }
        }
        return children;
    }
}
