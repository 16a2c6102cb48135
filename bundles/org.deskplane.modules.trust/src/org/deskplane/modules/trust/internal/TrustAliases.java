package org.deskplane.modules.trust.internal;

import java.util.regex.Pattern;

import org.deskplane.modules.api.ModuleException;
import org.deskplane.modules.api.ModuleStatus;

/**
 * Names of trust store entries. An alias becomes a file name, so only letters, digits, '.', '_' and '-' are allowed,
 * and it may not start with '.' (no hidden files, no "." or "..").
 */
final class TrustAliases {

    static final int MAX_LENGTH = 100;
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");
    private static final Pattern NOT_ALLOWED = Pattern.compile("[^A-Za-z0-9._-]");

    private TrustAliases() {
    }

    /** Returns the alias when it is valid, else throws {@link ModuleStatus#INVALID} saying why. */
    static String require(String alias) {
        if (alias == null || alias.isEmpty()) {
            throw new ModuleException(ModuleStatus.INVALID, "A trust store alias is required");
        }
        if (alias.length() > MAX_LENGTH) {
            throw new ModuleException(ModuleStatus.INVALID,
                    "Trust store alias is longer than " + MAX_LENGTH + " characters");
        }
        if (!VALID.matcher(alias).matches()) {
            throw new ModuleException(ModuleStatus.INVALID, "Trust store alias '" + printable(alias)
                    + "' may contain only letters, digits, '.', '_' and '-', and may not start with '.'");
        }
        return alias;
    }

    static boolean isValid(String alias) {
        return alias != null && alias.length() <= MAX_LENGTH && VALID.matcher(alias).matches();
    }

    /** The alias an initial certificate file gets: its file name without extension, other characters made '_'. */
    static String fromFileName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String base = dot > 0 ? fileName.substring(0, dot) : fileName;
        String cleaned = NOT_ALLOWED.matcher(base).replaceAll("_");
        if (cleaned.startsWith(".")) {
            cleaned = "_" + cleaned.substring(1);
        }
        return cleaned.length() > MAX_LENGTH ? cleaned.substring(0, MAX_LENGTH) : cleaned;
    }

    /** Keeps control characters of a hostile alias out of messages and logs. */
    private static String printable(String text) {
        String shortened = text.length() > 60 ? text.substring(0, 60) + "…" : text;
        return shortened.replaceAll("\\p{Cntrl}", "?");
    }
}
