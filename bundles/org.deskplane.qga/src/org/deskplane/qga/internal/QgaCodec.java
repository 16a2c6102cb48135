package org.deskplane.qga.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.deskplane.qga.api.GuestAgentCommandNotFoundException;
import org.deskplane.qga.api.GuestAgentErrorException;
import org.deskplane.qga.api.GuestAgentProtocolException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * QGA JSON in and out. Commands are built as Jackson trees (never by string concatenation, so a path with
 * quotes stays a path). Responses are parsed under hard limits — size, nesting depth, number length — set
 * before any byte is read, because they come from inside a guest and may be hostile; anything that is not
 * exactly one {@code {"return": ...}} or {@code {"error": {"class", "desc"}}} object is a protocol error.
 */
public final class QgaCodec {
    /** QGA answers are two or three levels deep; guest-get-fsinfo, the deepest, stays under ten. */
    static final int MAX_DEPTH = 16;

    private final int maxResponseBytes;
    private final ObjectMapper mapper;

    public QgaCodec(int maxResponseBytes) {
        this.maxResponseBytes = maxResponseBytes;
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH)
                        .maxDocumentLength(maxResponseBytes)
                        .maxStringLength(maxResponseBytes)
                        .maxNumberLength(64)
                        .maxNameLength(1024)
                        .build())
                .build();
        this.mapper = new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public int maxResponseBytes() {
        return maxResponseBytes;
    }

    /** A new, empty arguments object. */
    public static ObjectNode arguments() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** {@code {"execute": command, "arguments": arguments}} as one line of JSON (no newline). */
    public String command(String command, ObjectNode arguments) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("execute", command);
        if (arguments != null && !arguments.isEmpty()) {
            node.set("arguments", arguments);
        }
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e); // a tree of plain nodes always writes
        }
    }

    /**
     * Parses a response to {@code command}: the {@code return} value, or the agent's error as an exception.
     *
     * @throws GuestAgentProtocolException when the text is not a well-formed QGA response within the limits
     * @throws GuestAgentErrorException when the agent reports an error
     */
    public JsonNode parseResponse(String command, String response) throws GuestAgentProtocolException, GuestAgentErrorException {
        JsonNode root = parse(command, response);
        JsonNode error = root.get("error");
        JsonNode result = root.get("return");
        if (result != null && error == null) {
            return result;
        }
        if (error != null && result == null) {
            throw toException(command, error);
        }
        throw new GuestAgentProtocolException(
                "the guest agent's answer to " + command + " has neither 'return' nor 'error': " + preview(response));
    }

    /** Parses text that must be one JSON object, within the limits. */
    public JsonNode parse(String command, String response) throws GuestAgentProtocolException {
        if (response.length() > maxResponseBytes) {
            throw new GuestAgentProtocolException(
                    "the guest agent's answer to " + command + " is larger than " + maxResponseBytes + " bytes");
        }
        JsonNode root;
        try {
            root = mapper.readTree(response);
        } catch (IOException | RuntimeException e) {
            // StreamConstraintsException (too deep / too long) is a JsonProcessingException too
            throw new GuestAgentProtocolException("the guest agent's answer to " + command + " is not valid JSON ("
                    + firstLine(e.getMessage()) + "): " + preview(response), e);
        }
        if (root == null || !root.isObject()) {
            throw new GuestAgentProtocolException(
                    "the guest agent's answer to " + command + " is not a JSON object: " + preview(response));
        }
        return root;
    }

    private static GuestAgentErrorException toException(String command, JsonNode error) throws GuestAgentProtocolException {
        JsonNode errorClass = error.get("class");
        JsonNode desc = error.get("desc");
        if (errorClass == null || !errorClass.isTextual()) {
            throw new GuestAgentProtocolException("the guest agent's error answer to " + command + " has no 'class'");
        }
        String description = desc != null && desc.isTextual() ? desc.asText() : "(no description)";
        return switch (errorClass.asText()) {
            // CommandDisabled is what older agents send for commands blocked with --block-rpcs
            case "CommandNotFound", "CommandDisabled" ->
                new GuestAgentCommandNotFoundException(command, errorClass.asText(), description);
            default -> new GuestAgentErrorException(command, errorClass.asText(), description);
        };
    }

    // --- reading typed fields of a return value, each a clear protocol error when absent ---

    public static long longField(String command, JsonNode node, String field) throws GuestAgentProtocolException {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.canConvertToLong() || !value.isIntegralNumber()) {
            throw new GuestAgentProtocolException("the guest agent's answer to " + command + " lacks the number '" + field + "'");
        }
        return value.asLong();
    }

    public static long asLong(String command, JsonNode node) throws GuestAgentProtocolException {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new GuestAgentProtocolException("the guest agent's answer to " + command + " is not a number");
        }
        return node.asLong();
    }

    public static boolean booleanField(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isBoolean() && value.asBoolean();
    }

    public static String textField(String command, JsonNode node, String field) throws GuestAgentProtocolException {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isTextual()) {
            throw new GuestAgentProtocolException("the guest agent's answer to " + command + " lacks the text '" + field + "'");
        }
        return value.asText();
    }

    /** Base64 field {@code field} decoded (empty when absent). */
    public static byte[] base64Field(String command, JsonNode node, String field) throws GuestAgentProtocolException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return new byte[0];
        }
        if (!value.isTextual()) {
            throw new GuestAgentProtocolException("the guest agent's '" + field + "' in " + command + " is not text");
        }
        try {
            return Base64.getDecoder().decode(value.asText());
        } catch (IllegalArgumentException e) {
            throw new GuestAgentProtocolException("the guest agent's '" + field + "' in " + command + " is not base64", e);
        }
    }

    public static String base64(byte[] data, int offset, int length) {
        byte[] slice = offset == 0 && length == data.length ? data : java.util.Arrays.copyOfRange(data, offset, offset + length);
        return Base64.getEncoder().encodeToString(slice);
    }

    /** The first 120 characters, printable, for error messages. */
    static String preview(String text) {
        String cut = text.length() > 120 ? text.substring(0, 120) + "…" : text;
        StringBuilder out = new StringBuilder(cut.length());
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '.' : c);
        }
        return "'" + out + "'";
    }

    static String preview(byte[] bytes, int length) {
        return preview(new String(bytes, 0, Math.min(length, 240), StandardCharsets.UTF_8));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
