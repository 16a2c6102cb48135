package org.deskplane.layers.ui.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

/** The layers routes' JSON as the rows the part shows (missing fields read as empty or 0). */
final class LayersRows {

    private LayersRows() {
    }

    record CvdRow(String id, String owner, long head, String created) {
        static CvdRow of(JsonNode n) {
            return new CvdRow(text(n, "id"), text(n, "owner"), n.path("head").asLong(), text(n, "created"));
        }
    }

    record VersionRow(long number, long parent, String kind, String created, String endpoint, String layers,
            long token, String note) {
        static VersionRow of(JsonNode n) {
            List<String> layers = new ArrayList<>();
            n.path("layers").fieldNames().forEachRemaining(layers::add);
            layers.sort(null);
            return new VersionRow(n.path("number").asLong(), n.path("parent").asLong(), text(n, "kind"),
                    text(n, "created"), text(n, "endpointId"), String.join(", ", layers), n.path("fencingToken").asLong(),
                    text(n, "note"));
        }
    }

    /** An endpoint with its binding, its role and its last status. */
    record EndpointRow(String id, String scope, String driverSet, String rule, boolean cacheMode, String role,
            String applied, long staged, long pendingProfile, List<String> conflicts, String reported, String lastError) {

        static EndpointRow of(JsonNode binding, JsonNode master, JsonNode status) {
            String id = text(binding, "endpointId");
            String role = "";
            if (id.equals(text(master, "master"))) {
                role = "master (token " + master.path("token").asLong() + ")"
                        + ("STEADY".equals(text(master, "phase")) ? "" : ", " + text(master, "phase"));
            } else if (id.equals(text(master, "candidate"))) {
                role = "candidate, " + text(master, "phase");
            }
            Map<String, Long> applied = new TreeMap<>();
            if (status != null) {
                status.path("applied").fields().forEachRemaining(e -> applied.put(e.getKey(), e.getValue().asLong()));
            }
            List<String> conflicts = new ArrayList<>();
            if (status != null) {
                status.path("conflicts").forEach(c -> conflicts.add(c.asText()));
            }
            return new EndpointRow(id, text(binding, "scope"), text(binding, "driverSet"), text(binding, "rule"),
                    binding.path("cacheMode").asBoolean(), role, applied.toString().replaceAll("[{}]", ""),
                    status == null ? 0 : status.path("staged").asLong(),
                    status == null ? 0 : status.path("pendingProfile").asLong(), List.copyOf(conflicts),
                    status == null ? "no report yet" : text(status, "reported"),
                    status == null ? "" : text(status, "lastError"));
        }

        String sync() {
            StringBuilder s = new StringBuilder(applied.isEmpty() ? "nothing applied" : applied);
            if (staged > 0) {
                s.append("; v").append(staged).append(" staged for restart");
            }
            if (pendingProfile > 0) {
                s.append("; profile v").append(pendingProfile).append(" at next log-on");
            }
            return s.toString();
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
