package org.deskplane.print.internal;

import java.util.List;
import java.util.Locale;

/** Globs of policy rules: {@code *} any characters, {@code ?} one character, case-insensitive. */
final class Globs {

    private Globs() {
    }

    /** @return whether any glob matches any of the values (an empty glob list matches everything). */
    static boolean anyMatches(List<String> globs, String... values) {
        if (globs.isEmpty()) {
            return true;
        }
        for (String glob : globs) {
            for (String value : values) {
                if (value != null && matches(glob, value)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean matches(String glob, String value) {
        return matches(glob.toLowerCase(Locale.ROOT), 0, value.toLowerCase(Locale.ROOT), 0);
    }

    // iterative wildcard matching with one backtrack point: linear enough for short names
    private static boolean matches(String glob, int g, String value, int v) {
        int star = -1;
        int mark = 0;
        while (v < value.length()) {
            if (g < glob.length() && (glob.charAt(g) == '?' || glob.charAt(g) == value.charAt(v))) {
                g++;
                v++;
            } else if (g < glob.length() && glob.charAt(g) == '*') {
                star = g++;
                mark = v;
            } else if (star >= 0) {
                g = star + 1;
                v = ++mark;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }
}
