package org.deskplane.modules.ui.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/** How values read in the tables and how list fields are typed in the dialogs. */
final class Texts {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private Texts() {
    }

    static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    /** Sorted and comma separated; {@code whenEmpty} for an empty collection. */
    static String list(Collection<?> values, String whenEmpty) {
        return values.isEmpty() ? whenEmpty
                : String.join(", ", values.stream().map(String::valueOf).sorted().toList());
    }

    /** What the user typed, split at commas, blanks dropped. */
    static Set<String> split(String text) {
        Set<String> out = new LinkedHashSet<>();
        Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(out::add);
        return out;
    }

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format("%.1f KiB", bytes / 1024.0);
        }
        return String.format("%.1f MiB", bytes / (1024.0 * 1024));
    }

    /** Long hex fingerprints are shortened in tables; the full value is in the tooltip / dialog. */
    static String shortHex(String hex) {
        return hex == null || hex.length() <= 16 ? String.valueOf(hex) : hex.substring(0, 16) + "\u2026";
    }
}
