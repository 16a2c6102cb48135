package org.deskplane.rest.api.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.deskplane.rest.api.ApiResult;
import org.junit.jupiter.api.Test;

class ApiResultTest {

    @Test
    void okCreatedAcceptedCarryTheirStatusAndJsonBody() {
        Object body = Map.of("id", 7);
        assertJson(ApiResult.ok(body), 200, body);
        assertJson(ApiResult.created(body), 201, body);
        assertJson(ApiResult.accepted(body), 202, body);
    }

    private static void assertJson(ApiResult result, int status, Object body) {
        assertEquals(status, result.status());
        assertSame(body, result.json());
        assertEquals("application/json", result.contentType());
        assertNull(result.writer());
    }

    @Test
    void noContentHasNoBodyAtAll() {
        ApiResult result = ApiResult.noContent();
        assertEquals(204, result.status());
        assertNull(result.json());
        assertNull(result.writer());
        assertNull(result.contentType());
    }

    @Test
    void headersAreKeptInTheOrderAdded() {
        ApiResult result = ApiResult.created(Map.of()).header("Location", "/api/bundles/12")
                .header("Retry-After", "30").header("ETag", "\"v1\"");
        assertEquals(List.of("Location", "Retry-After", "ETag"), List.copyOf(result.headers().keySet()));
        assertEquals("/api/bundles/12", result.headers().get("Location"));
        assertEquals("30", result.headers().get("Retry-After"));
    }

    @Test
    void streamWriterWritesWhatItSays() throws Exception {
        byte[] bytes = "PK\u0003\u0004 a jar".getBytes(StandardCharsets.ISO_8859_1);
        ApiResult result = ApiResult.stream(200, "application/java-archive", out -> out.write(bytes));
        assertEquals(200, result.status());
        assertEquals("application/java-archive", result.contentType());
        assertNull(result.json());
        assertNotNull(result.writer());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        result.writer().writeTo(out);
        assertArrayEquals(bytes, out.toByteArray());
    }
}
