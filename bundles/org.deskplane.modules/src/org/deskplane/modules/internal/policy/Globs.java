package org.deskplane.modules.internal.policy;

import java.util.Set;
import java.util.regex.Pattern;

/** "*" matches any run of characters; everything else is literal. */
final class Globs {

    private Globs() {
    }

    static boolean matches(String glob, String value) {
        if ("*".equals(glob)) {
            return true;
        }
        if (value == null) {
            return false;
        }
        StringBuilder regex = new StringBuilder();
        for (String part : glob.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return value.matches(regex.toString());
    }

    /** An empty set means "any". */
    static boolean anyMatches(Set<String> globs, String value) {
        return globs.isEmpty() || globs.stream().anyMatch(glob -> matches(glob, value));
    }
}
