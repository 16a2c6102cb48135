package org.deskplane.layers.shims.linux.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A colon-separated account database (passwd, group, shadow, gshadow): one record per line, the name first.
 * Bounded; a malformed line is an error (the file is then left as it was).
 */
final class ColonFile {

    static final long MAX_BYTES = 16L << 20;
    private static final int MAX_LINES = 1_000_000;

    /** One line: its fields, and the line as written. */
    record Entry(String[] fields, String line) {

        String name() {
            return fields[0];
        }

        /** The numeric id of passwd/group lines (third field). */
        long id() {
            return Long.parseLong(fields[2]);
        }
    }

    private ColonFile() {
    }

    /**
     * @param minFields the fields a line must have (passwd 7, group 4, shadow 9, gshadow 4)
     * @param numericId whether the third field is a numeric id that must parse
     */
    static List<Entry> parse(String text, String fileName, int minFields, boolean numericId) throws IOException {
        List<Entry> entries = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        if (lines.length > MAX_LINES) {
            throw new IOException(fileName + " has more than " + MAX_LINES + " lines");
        }
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(":", -1);
            if (fields.length < minFields || fields[0].isEmpty()) {
                throw new IOException(fileName + " line " + (i + 1) + " is not a valid entry");
            }
            if (numericId) {
                try {
                    if (Long.parseLong(fields[2]) < 0) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException e) {
                    throw new IOException(fileName + " line " + (i + 1) + " has no numeric id", e);
                }
            }
            entries.add(new Entry(fields, line));
        }
        return entries;
    }

    static String format(List<Entry> entries) {
        StringBuilder out = new StringBuilder();
        entries.forEach(e -> out.append(e.line()).append('\n'));
        return out.toString();
    }
}
