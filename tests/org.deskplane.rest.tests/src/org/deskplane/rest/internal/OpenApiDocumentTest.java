package org.deskplane.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.deskplane.rest.api.ApiResult;
import org.deskplane.rest.api.Route;
import org.deskplane.security.api.Role;
import org.junit.jupiter.api.Test;

class OpenApiDocumentTest {

    @Test
    @SuppressWarnings("unchecked")
    void describesEveryLiveRouteWithItsRoleAndParameters() throws Exception {
        RouteTable table = new RouteTable();
        table.add("bundles", 1, List.of(
                Route.post("/bundles/{id}/start", Role.ADMIN, "Start a bundle", r -> ApiResult.noContent()),
                Route.get("/health", null, "Liveness", r -> ApiResult.noContent())));
        Map<String, Object> doc = OpenApiDocument.build(table.liveEntries(), "1.2.3");
        assertEquals("3.1.0", doc.get("openapi"));
        Map<String, Object> paths = (Map<String, Object>) doc.get("paths");
        Map<String, Object> start = (Map<String, Object>) ((Map<String, Object>) paths.get("/bundles/{id}/start"))
                .get("post");
        assertEquals("ADMIN", start.get("x-deskplane-minimum-role"));
        assertEquals("postBundlesIdStart", start.get("operationId"));
        List<Map<String, Object>> params = (List<Map<String, Object>>) start.get("parameters");
        assertEquals("id", params.get(0).get("name"));
        Map<String, Object> health = (Map<String, Object>) ((Map<String, Object>) paths.get("/health")).get("get");
        assertTrue(((List<?>) health.get("security")).isEmpty(), "public route must override global security");
        // the whole document serializes as JSON
        assertTrue(Json.MAPPER.writeValueAsString(doc).contains("\"/bundles/{id}/start\""));
    }
}
