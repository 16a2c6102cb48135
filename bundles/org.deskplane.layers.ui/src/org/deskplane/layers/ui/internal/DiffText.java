package org.deskplane.layers.ui.internal;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** A diff answer ({from, to, layers: {LAYER: {added, removed, changed}}}) as text: a count line per layer, then paths. */
final class DiffText {

    /** Paths listed per layer and kind; the counts are always complete. */
    static final int MAX_PATHS = 500;

    private DiffText() {
    }

    static String of(JsonNode diff) {
        StringBuilder out = new StringBuilder();
        out.append("From version ").append(diff.path("from").asLong()).append(" to version ")
                .append(diff.path("to").asLong()).append("\n");
        Iterator<Map.Entry<String, JsonNode>> layers = diff.path("layers").fields();
        boolean any = false;
        while (layers.hasNext()) {
            Map.Entry<String, JsonNode> layer = layers.next();
            JsonNode d = layer.getValue();
            int added = d.path("added").size();
            int removed = d.path("removed").size();
            int changed = d.path("changed").size();
            out.append("\n").append(layer.getKey()).append(": ").append(added).append(" added, ").append(removed)
                    .append(" removed, ").append(changed).append(" changed\n");
            any |= added + removed + changed > 0;
            paths(out, "+ ", d.path("added"));
            paths(out, "- ", d.path("removed"));
            paths(out, "~ ", d.path("changed"));
        }
        if (!any) {
            out.append("\nNo differences.\n");
        }
        return out.toString();
    }

    private static void paths(StringBuilder out, String mark, JsonNode paths) {
        int n = 0;
        for (JsonNode p : paths) {
            if (n++ == MAX_PATHS) {
                out.append("  ").append(mark).append("\u2026 and ").append(paths.size() - MAX_PATHS).append(" more\n");
                return;
            }
            out.append("  ").append(mark).append(p.asText()).append('\n');
        }
    }
}
