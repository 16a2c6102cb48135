package org.deskplane.rest.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the OpenAPI 3.1 document from the live route table, so it always describes exactly the
 * endpoints of the capabilities installed right now.
 */
final class OpenApiDocument {

    private OpenApiDocument() {
    }

    static Map<String, Object> build(List<RouteTable.Entry> entries, String version) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.1.0");
        doc.put("info", Map.of("title", "Deskplane API", "version", version,
                "description", "Control plane for virtual desktops. Authenticate with POST /auth/login and send "
                        + "the token as 'Authorization: Bearer <token>'. Errors are RFC 9457 problem details."));
        doc.put("servers", List.of(Map.of("url", "/api")));
        doc.put("components", Map.of(
                "securitySchemes", Map.of("bearer", Map.of("type", "http", "scheme", "bearer")),
                "schemas", Map.of("Problem", problemSchema())));
        doc.put("security", List.of(Map.of("bearer", List.of())));
        Map<String, Object> paths = new LinkedHashMap<>();
        for (RouteTable.Entry e : entries) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(e.template().template(),
                    k -> new LinkedHashMap<String, Object>());
            item.put(e.route().method().toLowerCase(java.util.Locale.ROOT), operation(e));
        }
        doc.put("paths", paths);
        return doc;
    }

    private static Map<String, Object> operation(RouteTable.Entry e) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("tags", List.of(e.provider().name));
        op.put("summary", e.route().summary() == null ? "" : e.route().summary());
        op.put("operationId", operationId(e));
        List<Object> parameters = new ArrayList<>();
        for (String name : e.template().parameterNames()) {
            parameters.add(Map.of("name", name, "in", "path", "required", true, "schema", Map.of("type", "string")));
        }
        if (!parameters.isEmpty()) {
            op.put("parameters", parameters);
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put("200", Map.of("description", "Success (201 for creations, 204 without a body)"));
        responses.put("default", Map.of("description", "A problem",
                "content", Map.of("application/problem+json",
                        Map.of("schema", Map.of("$ref", "#/components/schemas/Problem")))));
        op.put("responses", responses);
        if (e.route().minimumRole() == null) {
            op.put("security", List.of());
        } else {
            op.put("x-deskplane-minimum-role", e.route().minimumRole().name());
        }
        return op;
    }

    private static String operationId(RouteTable.Entry e) {
        StringBuilder id = new StringBuilder(e.route().method().toLowerCase(java.util.Locale.ROOT));
        for (String segment : PathTemplate.split(e.template().template())) {
            String word = segment.replaceAll("[^A-Za-z0-9]", "");
            if (!word.isEmpty()) {
                id.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return id.toString();
    }

    private static Map<String, Object> problemSchema() {
        return Map.of("type", "object", "properties", Map.of(
                "type", Map.of("type", "string"), "title", Map.of("type", "string"),
                "status", Map.of("type", "integer"), "detail", Map.of("type", "string"),
                "instance", Map.of("type", "string")));
    }
}
