package org.deskplane.layers.pivot.internal;

import java.util.ArrayList;
import java.util.List;

/** One relative path per line; '%', CR and LF escaped so any path fits. */
public final class PathLines {

    private PathLines() {
    }

    public static String encode(List<String> paths) {
        StringBuilder out = new StringBuilder();
        for (String p : paths) {
            out.append(p.replace("%", "%25").replace("\n", "%0A").replace("\r", "%0D")).append('\n');
        }
        return out.toString();
    }

    public static List<String> decode(String text) {
        List<String> paths = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isEmpty()) {
                paths.add(line.replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%"));
            }
        }
        return paths;
    }
}
