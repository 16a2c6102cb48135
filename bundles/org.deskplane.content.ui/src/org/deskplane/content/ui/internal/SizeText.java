package org.deskplane.content.ui.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How sizes and times read in the parts: bytes in binary units, times in the workbench's zone, to the second. */
final class SizeText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());
    private static final String[] UNITS = { "KiB", "MiB", "GiB", "TiB" };

    private SizeText() {
    }

    static String bytes(long size) {
        if (size < 1024) {
            return size + " B";
        }
        double value = size;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }
}
