package org.deskplane.content.rest.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.deskplane.content.api.ContentAccess;
import org.deskplane.content.api.ContentEntry;
import org.deskplane.content.api.ContentReader;
import org.deskplane.content.api.EntryType;
import org.deskplane.content.api.RequestContext;

/**
 * Writes a folder as a zip while walking it: nothing is staged, memory stays at one buffer. Every listing and
 * every file goes through the CAL, so policies apply per file (a denied file is left out and named in
 * {@value #SKIPPED_NAME}) and each is audited. Bounded in entries and depth.
 */
final class ZipStreamer {
    static final int MAX_ENTRIES = 100_000;
    static final int MAX_DEPTH = 64;
    static final String SKIPPED_NAME = "NOT-INCLUDED.txt";

    private final ContentAccess access;
    private final RequestContext context;
    private final String source;

    ZipStreamer(ContentAccess access, RequestContext context, String source) {
        this.access = access;
        this.context = context;
        this.source = source;
    }

    void write(String folder, OutputStream out) throws IOException {
        StringBuilder skipped = new StringBuilder();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(1);
            Deque<String> pending = new ArrayDeque<>();
            pending.add(folder);
            int entries = 0;
            byte[] buffer = new byte[256 * 1024];
            while (!pending.isEmpty()) {
                String directory = pending.poll();
                for (ContentEntry child : access.list(context, source, directory)) {
                    if (++entries > MAX_ENTRIES) {
                        skipped.append("more than ").append(MAX_ENTRIES).append(" entries: the rest is left out\n");
                        pending.clear();
                        break;
                    }
                    String name = relative(folder, child.path());
                    if (child.type() == EntryType.DIRECTORY) {
                        if (depth(name) < MAX_DEPTH) {
                            zip.putNextEntry(entry(name + "/", child));
                            zip.closeEntry();
                            pending.add(child.path());
                        } else {
                            skipped.append(name).append(": deeper than ").append(MAX_DEPTH).append(" levels\n");
                        }
                    } else if (child.type() == EntryType.FILE) {
                        copy(zip, name, child, buffer, skipped);
                    }
                }
            }
            if (skipped.length() > 0) {
                zip.putNextEntry(new ZipEntry(SKIPPED_NAME));
                zip.write(skipped.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
    }

    private void copy(ZipOutputStream zip, String name, ContentEntry child, byte[] buffer, StringBuilder skipped)
            throws IOException {
        ContentReader reader;
        try {
            reader = access.open(context, source, child.path());
        } catch (IOException e) {
            skipped.append(name).append(": ").append(e.getMessage()).append('\n');
            return;
        }
        try (reader) {
            zip.putNextEntry(entry(name, child));
            long position = 0;
            int n;
            while ((n = reader.read(position, buffer, 0, buffer.length)) > 0) {
                zip.write(buffer, 0, n);
                position += n;
            }
            zip.closeEntry();
        }
    }

    private static ZipEntry entry(String name, ContentEntry child) {
        ZipEntry entry = new ZipEntry(name);
        if (child.modified() != null) {
            entry.setLastModifiedTime(FileTime.from(child.modified()));
        }
        return entry;
    }

    private static String relative(String folder, String path) {
        String prefix = folder.equals("/") ? "/" : folder + "/";
        return path.startsWith(prefix) ? path.substring(prefix.length()) : path.substring(1);
    }

    private static int depth(String name) {
        return (int) name.chars().filter(c -> c == '/').count() + 1;
    }
}
