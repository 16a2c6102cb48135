package org.deskplane.client.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.deskplane.client.ServerException;
import org.deskplane.content.api.ContentEntry;
import org.deskplane.content.api.DataSource;
import org.deskplane.content.api.EntryType;
import org.deskplane.content.api.PolicyRuleSpec;
import org.deskplane.content.api.SourceKind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Profile API's JSON and the content API's records, field by field (like {@link JsonMapping}): fields the
 * server adds later are ignored, missing optional ones get neutral values, unknown enum values are a clear error.
 */
final class ContentJson {

    private ContentJson() {
    }

    static DataSource dataSource(JsonNode node) {
        require(node, "data source", "id", "kind");
        return new DataSource(node.get("id").asText(), enumValue(SourceKind.class, node.get("kind").asText(),
                "data source kind"), text(node, "name"), text(node, "state"), text(node, "backend"),
                node.path("writable").asBoolean(false), text(node, "note"));
    }

    static ContentEntry entry(JsonNode node) {
        require(node, "content entry", "path", "type");
        return new ContentEntry(text(node, "name"), node.get("path").asText(),
                enumValue(EntryType.class, node.get("type").asText(), "entry type"), node.path("size").asLong(0),
                instant(node.get("modified")), nullableText(node, "linkTarget"), nullableText(node, "etag"));
    }

    static PolicyRuleSpec rule(JsonNode node) {
        require(node, "policy rule", "name");
        return new PolicyRuleSpec(node.get("name").asText(), node.path("order").asInt(0), text(node, "effect"),
                strings(node, "operations"), strings(node, "users"), strings(node, "roles"), strings(node, "sources"),
                strings(node, "paths"), strings(node, "networks"), strings(node, "formFactors"), strings(node, "days"),
                text(node, "from"), text(node, "to"), text(node, "zone"));
    }

    /** The body of {@code PUT /profile/policies/{name}}: every field, so that nothing is left to defaults. */
    static ObjectNode ruleBody(PolicyRuleSpec rule) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("name", rule.name());
        body.put("order", rule.order());
        body.put("effect", rule.effect());
        array(body, "operations", rule.operations());
        array(body, "users", rule.users());
        array(body, "roles", rule.roles());
        array(body, "sources", rule.sources());
        array(body, "paths", rule.paths());
        array(body, "networks", rule.networks());
        array(body, "formFactors", rule.formFactors());
        array(body, "days", rule.days());
        body.put("from", rule.from());
        body.put("to", rule.to());
        body.put("zone", rule.zone());
        return body;
    }

    private static void array(ObjectNode body, String field, List<String> values) {
        ArrayNode array = body.putArray(field);
        values.forEach(array::add);
    }

    private static List<String> strings(JsonNode node, String field) {
        List<String> values = new ArrayList<>();
        node.path(field).forEach(value -> values.add(value.asText()));
        return values;
    }

    /** The server writes ISO-8601 text; epoch milliseconds are read too, should a mapper be set up otherwise. */
    private static Instant instant(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return Instant.ofEpochMilli(value.asLong());
        }
        try {
            return Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw unexpected("a time that cannot be read: " + value.asText());
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String what) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw unexpected("an unknown " + what + " '" + value + "'");
        }
    }

    private static String text(JsonNode node, String field) {
        String value = nullableText(node, field);
        return value == null ? "" : value;
    }

    private static String nullableText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static void require(JsonNode node, String what, String... fields) {
        if (node == null || !node.isObject()) {
            throw unexpected("something that is not a " + what);
        }
        for (String field : fields) {
            if (!node.hasNonNull(field)) {
                throw unexpected("a " + what + " without '" + field + "'");
            }
        }
    }

    private static ServerException unexpected(String what) {
        return new ServerException(200, "Unexpected answer", what, "The server sent " + what, null);
    }
}
