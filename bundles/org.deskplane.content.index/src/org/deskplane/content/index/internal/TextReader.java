package org.deskplane.content.index.internal;

import java.io.IOException;

import org.deskplane.content.api.ContentEntry;
import org.deskplane.content.api.ContentReader;
import org.deskplane.content.api.ContentView;

/** Reads the first bytes of a file through a view, at most a cap, and decodes them if they are text. */
final class TextReader {
    private static final int CHUNK = 64 * 1024;

    /** The file as it was opened, and its text (null for a binary). */
    record Text(ContentEntry entry, String text) {
    }

    private TextReader() {
    }

    static Text read(ContentView view, String path, int maxBytes) throws IOException {
        try (ContentReader reader = view.open(path)) {
            ContentEntry entry = reader.entry();
            int limit = (int) Math.min(maxBytes, Math.max(0, entry.size()));
            byte[] bytes = new byte[limit];
            int length = 0;
            while (length < limit) {
                int n = reader.read(length, bytes, length, Math.min(CHUNK, limit - length));
                if (n < 0) {
                    break;
                }
                length += n;
            }
            return new Text(entry, TextSniffer.decode(bytes, length, entry.size() > length));
        }
    }
}
