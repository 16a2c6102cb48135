package org.deskplane.modules.trust.internal;

import org.deskplane.modules.api.ModuleException;
import org.deskplane.modules.api.ModuleStatus;

/** Refuses entry names that could escape a directory when a jar is unpacked (e.g. by the framework's storage). */
final class EntryNames {

    private EntryNames() {
    }

    static void requireSafe(String name) {
        String problem = problem(name);
        if (problem != null) {
            throw new ModuleException(ModuleStatus.INVALID,
                    "Jar entry '" + printable(name) + "' is refused: " + problem);
        }
    }

    private static String problem(String name) {
        if (name.isEmpty()) {
            return "empty name";
        }
        if (name.indexOf('\0') >= 0) {
            return "NUL character in the name";
        }
        if (name.startsWith("/") || name.startsWith("\\") || (name.length() > 1 && name.charAt(1) == ':')) {
            return "absolute path";
        }
        for (String segment : name.split("[/\\\\]")) {
            if (segment.equals("..")) {
                return "'..' in the path";
            }
        }
        return null;
    }

    static String printable(String name) {
        String shortened = name.length() > 200 ? name.substring(0, 200) + "…" : name;
        return shortened.replaceAll("\\p{Cntrl}", "?");
    }
}
