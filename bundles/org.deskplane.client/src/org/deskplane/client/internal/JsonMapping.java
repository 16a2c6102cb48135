package org.deskplane.client.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.deskplane.bundles.api.BundleInfo;
import org.deskplane.bundles.api.FeatureInfo;
import org.deskplane.client.ServerException;
import org.deskplane.security.api.AuditEvent;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the REST contract's JSON into the API records, field by field: fields the server adds later are
 * ignored, missing optional ones get neutral values, and missing required ones are a clear error.
 */
final class JsonMapping {

    private JsonMapping() {
    }

    static <T> List<T> list(JsonNode node, String what, Function<JsonNode, T> element) {
        if (node == null || !node.isArray()) {
            throw unexpected(what + " list", node);
        }
        List<T> out = new ArrayList<>(node.size());
        node.forEach(item -> out.add(element.apply(item)));
        return List.copyOf(out);
    }

    static BundleInfo bundle(JsonNode node) {
        require(node, "bundle", "id", "symbolicName");
        return new BundleInfo(node.get("id").asLong(), node.get("symbolicName").asText(), text(node, "version"),
                text(node, "state"), text(node, "location"), node.path("fragment").asBoolean(false),
                node.path("lastModified").asLong(0), text(node, "feature"));
    }

    static FeatureInfo feature(JsonNode node) {
        require(node, "feature", "id");
        List<String> bundles = new ArrayList<>();
        node.path("bundles").forEach(name -> bundles.add(name.asText()));
        return new FeatureInfo(node.get("id").asText(), text(node, "version"), text(node, "label"),
                text(node, "source"), List.copyOf(bundles));
    }

    static AuditEvent auditEvent(JsonNode node) {
        require(node, "audit event", "time", "action", "result");
        try {
            return new AuditEvent(Instant.parse(node.get("time").asText()), text(node, "actor"),
                    node.get("action").asText(), text(node, "target"),
                    AuditEvent.Result.valueOf(node.get("result").asText().toUpperCase(Locale.ROOT)),
                    text(node, "detail"), text(node, "source"));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new ServerException(200, "Unexpected answer", e.getMessage(),
                    "The server sent an audit event that cannot be read: " + e.getMessage(), e);
        }
    }

    static org.deskplane.security.api.UserAccount userAccount(JsonNode node) {
        require(node, "user", "username", "role");
        try {
            JsonNode created = node.get("created");
            return new org.deskplane.security.api.UserAccount(node.get("username").asText(),
                    org.deskplane.security.api.Role.valueOf(node.get("role").asText().toUpperCase(Locale.ROOT)),
                    created == null || created.isNull() ? null : Instant.parse(created.asText()),
                    node.path("locked").asBoolean(false));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new ServerException(200, "Unexpected answer", e.getMessage(),
                    "The server sent a user that cannot be read: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }

    private static void require(JsonNode node, String what, String... fields) {
        if (node == null || !node.isObject()) {
            throw unexpected(what, node);
        }
        for (String field : fields) {
            if (!node.hasNonNull(field)) {
                throw new ServerException(200, "Unexpected answer", "missing " + field,
                        "The server sent a " + what + " without '" + field + "'", null);
            }
        }
    }

    private static ServerException unexpected(String what, JsonNode node) {
        String got = node == null ? "nothing" : node.getNodeType().toString().toLowerCase(Locale.ROOT);
        return new ServerException(200, "Unexpected answer", "expected a " + what + ", got " + got,
                "The server's answer is not a " + what + " (got " + got + ")", null);
    }
}
