package org.deskplane.delivery.ui.internal;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** The delivery routes' JSON as the rows the parts show (missing fields read as empty or 0). */
final class DeliveryRows {

    private DeliveryRows() {
    }

    record PayloadRow(String id, String version, String description, int files, long size, String label,
            boolean imageBuilt, long imageSize) {
        String ref() {
            return id + "/" + version;
        }

        static PayloadRow of(JsonNode n) {
            return new PayloadRow(text(n, "id"), text(n, "version"), text(n, "description"), n.path("fileCount").asInt(),
                    n.path("contentSize").asLong(), text(n, "label"), n.path("imageBuilt").asBoolean(),
                    n.path("imageSize").asLong());
        }
    }

    record DeploymentRow(String id, String name, String state, String stateReason, String payloads, int total,
            int pending, int running, int succeeded, int failed, int cancelled) {
        static DeploymentRow of(JsonNode n) {
            JsonNode s = n.path("summary");
            List<String> refs = new ArrayList<>();
            n.path("payloads").forEach(p -> refs.add(text(p, "id") + "/" + text(p, "version")));
            return new DeploymentRow(text(n, "id"), text(n, "name"), text(n, "state"), text(n, "stateReason"),
                    String.join(", ", refs), s.path("total").asInt(), s.path("pending").asInt(),
                    s.path("running").asInt(), s.path("succeeded").asInt(), s.path("failed").asInt(),
                    s.path("cancelled").asInt());
        }

        String summary() {
            return (succeeded + failed + cancelled) + "/" + total + " done, " + running + " running, " + failed
                    + " failed" + (cancelled > 0 ? ", " + cancelled + " cancelled" : "");
        }
    }

    record ItemRow(String vmId, String vmName, String payload, String state, String outcome, String method,
            int progress, String message, String exitCode, int attempts) {
        static ItemRow of(JsonNode n) {
            JsonNode p = n.path("payload");
            return new ItemRow(text(n, "vmId"), text(n, "vmName"), text(p, "id") + "/" + text(p, "version"),
                    text(n, "state"), text(n, "outcome"), text(n, "method"), Math.max(0, Math.min(100,
                            n.path("progress").asInt())), text(n, "message"),
                    n.hasNonNull("exitCode") ? n.get("exitCode").asText() : "", n.path("attempts").asInt());
        }

        /** What a person reads first: the outcome once there is one, else the state. */
        String shownState() {
            return outcome.isEmpty() ? state : outcome + (state.equals("CLEANED") ? "" : " (" + state + ")");
        }
    }

    static List<JsonNode> array(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(out::add);
        }
        return out;
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format("%.1f KiB", bytes / 1024.0);
        }
        return String.format("%.1f MiB", bytes / (1024.0 * 1024));
    }
}
