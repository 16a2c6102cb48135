package org.deskplane.vmdiff.ui.internal;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** The vmdiff routes' JSON as the rows the part shows (missing fields read as empty or 0). */
final class VmdiffRows {

    private VmdiffRows() {
    }

    record BaseRow(String sha256, String format, long size) {
        static BaseRow of(JsonNode n) {
            return new BaseRow(text(n, "sha256"), text(n, "format"), n.path("size").asLong());
        }
    }

    /**
     * A VM: the server's newest generation ("#2 suspended by host-a"), the lease holder, each host's copy as
     * "host-a #2 SAME", whether a copy diverged, where it runs, and the copy hosts (for choosers).
     */
    record VmRow(String vm, String server, String lease, String copies, boolean diverged, String runningOn,
            String activity) {
        static VmRow of(JsonNode n) {
            JsonNode g = n.path("server");
            String server = g.isObject() ? "#" + g.path("number").asLong()
                    + (g.path("suspended").asBoolean() ? " suspended" : " shut down") + " by " + text(g, "by") : "none";
            JsonNode l = n.path("lease");
            String lease = l.isObject() ? text(l, "holder") + " (token " + l.path("token").asLong() + ")" : "free";
            List<String> copies = new ArrayList<>();
            List<String> activities = new ArrayList<>();
            for (JsonNode c : array(n.get("copies"))) {
                String generation = c.path("generation").isNumber() ? "#" + c.path("generation").asLong() : "no copy";
                String relation = text(c, "relation");
                copies.add(text(c, "host") + " " + generation + (relation.isEmpty() ? "" : " " + relation)
                        + (c.path("running").asBoolean() ? " (running)" : ""));
                JsonNode a = c.path("activity");
                if (a.isObject()) {
                    activities.add(text(c, "host") + ": " + text(a, "action") + ", " + text(a, "phase"));
                }
            }
            List<String> running = new ArrayList<>();
            array(n.get("runningOn")).forEach(r -> running.add(r.asText()));
            return new VmRow(text(n, "vm"), server, lease, String.join("; ", copies), n.path("diverged").asBoolean(),
                    running.isEmpty() ? "not running" : String.join(", ", running), String.join("; ", activities));
        }
    }

    /** An operation; {@code percent} is -1 while the host's phase has no measure. */
    record OperationRow(String id, String vm, String action, String host, String state, String message, String phase,
            int percent, String started, String ended) {
        static OperationRow of(JsonNode n) {
            double fraction = n.path("fraction").asDouble(-1);
            return new OperationRow(text(n, "id"), text(n, "vm"), text(n, "action"), text(n, "host"), text(n, "state"),
                    text(n, "message"), text(n, "phase"), fraction < 0 ? -1 : (int) Math.round(fraction * 100),
                    text(n, "started"), text(n, "ended"));
        }

        String progress() {
            return percent < 0 ? (state.equals("RUNNING") ? "\u2026" : "") : percent + "%";
        }
    }

    static String text(JsonNode n, String field) {
        if (n == null) {
            return "";
        }
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    static List<JsonNode> array(JsonNode n) {
        List<JsonNode> list = new ArrayList<>();
        if (n != null && n.isArray()) {
            n.forEach(list::add);
        }
        return list;
    }
}
