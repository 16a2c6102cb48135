package org.deskplane.modules.wire;

import java.util.regex.Pattern;

/**
 * The shapes the wire accepts for names before the host parses them for real: what a guest may send is narrower than
 * "any string", so odd bytes never reach the host's parsers, paths or logs.
 */
final class Names {
    private static final Pattern SYMBOLIC_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}");
    private static final Pattern VERSION = Pattern.compile("[0-9][A-Za-z0-9_.-]{0,99}");
    private static final Pattern RANGE = Pattern.compile("[\\[\\]()0-9A-Za-z_.,\\- ]{0,200}");
    private static final Pattern PID_OR_KEY = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.$-]{0,254}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private Names() {
    }

    static String symbolicName(String s) throws WireException {
        return check(s, SYMBOLIC_NAME, "symbolic name");
    }

    static String version(String s) throws WireException {
        return check(s, VERSION, "version");
    }

    static String range(String s) throws WireException {
        return check(s, RANGE, "version range");
    }

    static String pidOrKey(String s, String what) throws WireException {
        return check(s, PID_OR_KEY, what);
    }

    static String sha256(String s) throws WireException {
        return check(s == null ? null : s.toLowerCase(java.util.Locale.ROOT), SHA256, "SHA-256 (64 hex digits)");
    }

    private static String check(String s, Pattern p, String what) throws WireException {
        if (s == null || !p.matcher(s).matches()) {
            throw new WireException("not a valid " + what + ": '" + shorten(s) + "'");
        }
        return s;
    }

    private static String shorten(String s) {
        String t = String.valueOf(s);
        return t.length() > 80 ? t.substring(0, 80) + "…" : t;
    }
}
