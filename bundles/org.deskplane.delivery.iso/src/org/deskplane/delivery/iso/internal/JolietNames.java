package org.deskplane.delivery.iso.internal;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Joliet names: UTF-16 big endian (characters outside the BMP as surrogate pairs, as Windows and Linux read
 * them), at most 64 code units, without the ";1" version. Characters Joliet forbids become '_'. Longer names
 * are cut keeping a short extension; clashes get "~N" before the extension. Siblings are named in UTF-8
 * order, so the same tree always gets the same names.
 */
final class JolietNames {

    static final int MAX_UNITS = 64;
    /** An extension longer than this is not worth keeping when a name must be cut. */
    private static final int MAX_KEPT_EXTENSION = 16;

    private JolietNames() {
    }

    static void assign(List<Entry> sortedSiblings) {
        Set<String> taken = new HashSet<>();
        Map<String, Integer> nextCounter = new HashMap<>();
        for (Entry entry : sortedSiblings) {
            String name = clean(entry.name);
            String base = name;
            String extension = "";
            int dot = name.lastIndexOf('.');
            if (!entry.isDirectory() && dot > 0 && name.length() - dot <= MAX_KEPT_EXTENSION) {
                base = name.substring(0, dot);
                extension = name.substring(dot);
            }
            String identifier = name.length() <= MAX_UNITS ? name : cut(base, MAX_UNITS - extension.length())
                    + extension;
            if (!taken.add(identifier)) {
                String stem = identifier;
                int counter = nextCounter.getOrDefault(stem, 1);
                do {
                    String suffix = "~" + counter++;
                    identifier = cut(base, MAX_UNITS - extension.length() - suffix.length()) + suffix + extension;
                } while (!taken.add(identifier));
                nextCounter.put(stem, counter);
            }
            entry.jolietId = identifier.getBytes(StandardCharsets.UTF_16BE);
        }
    }

    /** Joliet forbids control characters and * / : ; ? \ in names. */
    private static String clean(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            out.append(c < 0x20 || "*/:;?\\".indexOf(c) >= 0 ? '_' : c);
        }
        return out.toString();
    }

    /** At most {@code units} UTF-16 units, never splitting a surrogate pair. */
    private static String cut(String text, int units) {
        if (text.length() <= units) {
            return text;
        }
        int end = Math.max(0, units);
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }
}
