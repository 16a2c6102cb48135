package org.deskplane.delivery.iso.internal;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Primary-tree names in ISO 9660 level 1 form (8.3 upper-case d-characters, ";1" on files), for readers that
 * see neither Rock Ridge nor Joliet. Clashes get a decimal counter in the last characters of the base name.
 * Siblings are named in UTF-8 order, so the same tree always gets the same names.
 */
final class IsoNames {

    static final int BASE = 8;
    static final int EXTENSION = 3;

    private IsoNames() {
    }

    static void assign(List<Entry> sortedSiblings) {
        Set<String> taken = new HashSet<>();
        Map<String, Integer> nextCounter = new HashMap<>(); // so many clashes on one stem stay linear
        for (Entry entry : sortedSiblings) {
            String base;
            String extension;
            int dot = entry.name.lastIndexOf('.');
            if (entry.isDirectory() || dot <= 0) {
                base = dChars(entry.name, BASE);
                extension = entry.isDirectory() || dot < 0 ? "" : dChars(entry.name.substring(dot + 1), EXTENSION);
            } else {
                base = dChars(entry.name.substring(0, dot), BASE);
                extension = dChars(entry.name.substring(dot + 1), EXTENSION);
            }
            if (base.isEmpty()) {
                base = "_";
            }
            String identifier = join(entry, base, extension);
            if (!taken.add(identifier)) {
                String stem = identifier;
                int counter = nextCounter.getOrDefault(stem, 1);
                do {
                    String digits = Integer.toString(counter++);
                    int keep = Math.max(0, Math.min(base.length(), BASE - digits.length()));
                    identifier = join(entry, base.substring(0, keep) + digits, extension);
                } while (!taken.add(identifier));
                nextCounter.put(stem, counter);
            }
            entry.isoId = (entry.isDirectory() ? identifier : identifier + ";1").getBytes(StandardCharsets.US_ASCII);
        }
    }

    private static String join(Entry entry, String base, String extension) {
        return entry.isDirectory() ? base : base + "." + extension;
    }

    /** Upper-cased, every character outside A-Z, 0-9 and '_' replaced by '_', cut to {@code max}. */
    private static String dChars(String text, int max) {
        String upper = text.toUpperCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(max);
        for (int i = 0; i < upper.length() && out.length() < max; i = upper.offsetByCodePoints(i, 1)) {
            int c = upper.codePointAt(i);
            out.append(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ? (char) c : '_');
        }
        return out.toString();
    }
}
