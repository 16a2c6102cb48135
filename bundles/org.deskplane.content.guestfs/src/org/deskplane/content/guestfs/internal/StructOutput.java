package org.deskplane.content.guestfs.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deskplane.content.api.ContentException;
import org.deskplane.content.api.ContentException.Reason;

/**
 * Parses what guestfish prints for a struct ("key: value" lines) or a list of structs ("[0] = {" … "}"). The
 * text comes from a tool reading an untrusted disk, so counts are bounded and anything unexpected is an error
 * rather than a guess.
 */
final class StructOutput {

    private StructOutput() {
    }

    /** One struct printed as "key: value" lines. */
    static Map<String, String> single(String output, String what) throws ContentException {
        List<Map<String, String>> structs = parse(output, 1, what);
        if (structs.size() != 1) {
            throw new ContentException(Reason.UNREADABLE, "libguestfs printed " + structs.size() + " results for " + what);
        }
        return structs.get(0);
    }

    /** A list of structs, at most {@code limit}. */
    static List<Map<String, String>> list(String output, int limit, String what) throws ContentException {
        return parse(output, limit, what);
    }

    private static List<Map<String, String>> parse(String output, int limit, String what) throws ContentException {
        List<Map<String, String>> structs = new ArrayList<>();
        Map<String, String> current = null;
        boolean bracketed = false;
        for (String line : output.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("] = {")) {
                if (current != null && bracketed) {
                    throw bad(what, "a struct inside a struct");
                }
                current = new LinkedHashMap<>();
                bracketed = true;
                continue;
            }
            if (line.equals("}")) {
                if (current == null || !bracketed) {
                    throw bad(what, "a '}' without '{'");
                }
                add(structs, current, limit, what);
                current = null;
                bracketed = false;
                continue;
            }
            String field = line.startsWith("  ") ? line.substring(2) : line;
            int colon = field.indexOf(": ");
            if (colon <= 0 && !field.endsWith(":")) {
                throw bad(what, "a line that is not 'key: value': " + abbreviate(line));
            }
            if (current == null) {
                if (!structs.isEmpty()) {
                    throw bad(what, "fields after the struct");
                }
                current = new LinkedHashMap<>();
            }
            String key = colon > 0 ? field.substring(0, colon) : field.substring(0, field.length() - 1);
            String value = colon > 0 ? field.substring(colon + 2) : "";
            current.put(key, value);
        }
        if (current != null) {
            if (bracketed) {
                throw bad(what, "a struct that does not end");
            }
            add(structs, current, limit, what);
        }
        return structs;
    }

    private static void add(List<Map<String, String>> structs, Map<String, String> struct, int limit, String what)
            throws ContentException {
        if (structs.size() >= limit) {
            throw new ContentException(Reason.UNREADABLE, what + " has more than " + limit + " entries");
        }
        structs.add(struct);
    }

    static long number(Map<String, String> struct, String key, String what) throws ContentException {
        String value = struct.get(key);
        if (value == null) {
            throw bad(what, "no " + key);
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw bad(what, key + " is not a number: " + abbreviate(value));
        }
    }

    private static ContentException bad(String what, String problem) {
        return new ContentException(Reason.UNREADABLE, "unexpected libguestfs output for " + what + ": " + problem);
    }

    static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
