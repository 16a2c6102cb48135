package org.deskplane.content.agent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The agent's bounded reader of request JSON: one flat object, or a refusal with INVALID. */
class RequestJsonTest {

    private static Map<String, Object> parse(String json) throws GuestError {
        return RequestJson.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsAFlatObjectOfStringsIntegersBooleansAndNull() throws GuestError {
        Map<String, Object> fields = parse("{\"v\":1, \"path\":\"/a b/\\u00e9\\n\\\"q\\\"\\/\", \"position\":-42,"
                + " \"flag\":true, \"other\":false, \"after\":null } ");

        assertEquals(1L, fields.get("v"));
        assertEquals("/a b/\u00e9\n\"q\"/", fields.get("path"));
        assertEquals(-42L, fields.get("position"));
        assertEquals(Boolean.TRUE, fields.get("flag"));
        assertEquals(Boolean.FALSE, fields.get("other"));
        assertTrue(fields.containsKey("after"));
        assertNull(fields.get("after"));
        assertEquals(Map.of(), parse("{}"));
    }

    @Test
    void aRequestOfExactlyTheLimitIsRead() throws GuestError {
        String head = "{\"v\":1,\"path\":\"";
        String tail = "\"}";
        String json = head + "x".repeat(RequestJson.MAX_BYTES - head.length() - tail.length()) + tail;
        assertEquals(RequestJson.MAX_BYTES, json.length());

        assertEquals(RequestJson.MAX_BYTES - head.length() - tail.length(), ((String) parse(json).get("path")).length());
    }

    @Test
    void anOversizedRequestIsRefusedBeforeParsing() {
        byte[] body = new byte[RequestJson.MAX_BYTES + 1];
        Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[body.length - 1] = '}';

        GuestError e = assertThrows(GuestError.class, () -> RequestJson.parse(body));

        assertEquals(GuestError.INVALID, e.reason());
        assertTrue(e.getMessage().contains("larger than " + RequestJson.MAX_BYTES), e.getMessage());
    }

    @TestFactory
    Stream<DynamicTest> malformedRequestsAreInvalid() {
        return Stream.of(
                "",
                "   ",
                "[]",
                "\"v\"",
                "{",
                "{\"v\":1",
                "{\"v\":1,}",
                "{\"v\" 1}",
                "{v:1}",
                "{\"v\":1}}",
                "{\"v\":1} {}",
                "{\"v\":{\"nested\":1}}",
                "{\"v\":[1,2]}",
                "{\"v\":1.5}",
                "{\"v\":1e3}",
                "{\"v\":99999999999999999999}",
                "{\"v\":-}",
                "{\"v\":True}",
                "{\"v\":1,\"v\":1}",
                "{\"p\":\"tab\there\"}",
                "{\"p\":\"\\x\"}",
                "{\"p\":\"\\u12\"}",
                "{\"p\":\"\\uzzzz\"}",
                "{\"p\":\"unterminated}")
                .map(json -> DynamicTest.dynamicTest("[" + json + "]", () -> {
                    GuestError e = assertThrows(GuestError.class, () -> parse(json));
                    assertEquals(GuestError.INVALID, e.reason(), e.getMessage());
                }));
    }

    @Test
    void bytesThatAreNotUtf8AreInvalid() {
        byte[] body = { '{', '"', 'p', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' };

        GuestError e = assertThrows(GuestError.class, () -> RequestJson.parse(body));

        assertEquals(GuestError.INVALID, e.reason());
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void anotherProtocolVersionIsRefused() throws GuestError {
        RequestJson.checkVersion(parse("{\"v\":1}"));

        for (String json : new String[] { "{\"v\":2}", "{\"v\":0}", "{\"v\":-1}" }) {
            GuestError e = assertThrows(GuestError.class, () -> RequestJson.checkVersion(parse(json)), json);
            assertEquals(GuestError.INVALID, e.reason());
            assertTrue(e.getMessage().startsWith("unsupported content protocol version"), e.getMessage());
        }
        GuestError notANumber = assertThrows(GuestError.class, () -> RequestJson.checkVersion(parse("{\"v\":\"1\"}")));
        assertEquals(GuestError.INVALID, notANumber.reason());
    }

    @Test
    void fieldAccessorsCheckTypes() throws GuestError {
        Map<String, Object> fields = parse("{\"path\":\"/a\",\"n\":7,\"s\":\"7\"}");

        assertEquals("/a", RequestJson.string(fields, "path"));
        assertEquals(7L, RequestJson.number(fields, "n", 0));
        assertEquals(5L, RequestJson.number(fields, "absent", 5));
        assertEquals(GuestError.INVALID, assertThrows(GuestError.class, () -> RequestJson.string(fields, "n")).reason());
        assertEquals(GuestError.INVALID, assertThrows(GuestError.class, () -> RequestJson.string(fields, "absent")).reason());
        assertEquals(GuestError.INVALID, assertThrows(GuestError.class, () -> RequestJson.number(fields, "s", 0)).reason());
    }
}
