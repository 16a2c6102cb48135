package org.deskplane.security.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.deskplane.security.api.AuditEvent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One audit record as one line of JSON. The line is the record's JSON with {@code prev} (the previous line's
 * hash) and, last, {@code hash}: SHA-256 over the exact text of the line without its {@code hash} field.
 * Hashing the exact text (not a re-serialization) keeps verification independent of the JSON library.
 */
final class AuditRecordCodec {

    /** The {@code prev} of the very first record. */
    static final String GENESIS = "0".repeat(64);

    private static final Pattern HASH_SUFFIX = Pattern.compile(",\"hash\":\"([0-9a-f]{64})\"}$");
    private static final int MAX_FIELD = 200;
    private static final int MAX_TEXT = 2000;

    private final ObjectMapper mapper = new ObjectMapper();

    /** A decoded line: the event, its chain links, and whether its own hash matches its text. */
    record Line(AuditEvent event, String prev, String hash, boolean hashMatches) {
    }

    /** @return the line without the trailing newline */
    String encode(AuditEvent event, Instant fallbackTime, String prevHash) {
        if (event.result() == null) {
            throw new IllegalArgumentException("an audit event needs a result");
        }
        ObjectNode node = mapper.createObjectNode();
        node.put("time", (event.time() == null ? fallbackTime : event.time()).toString());
        node.put("actor", bounded(event.actor(), MAX_FIELD));
        node.put("action", bounded(event.action(), MAX_FIELD));
        node.put("target", bounded(event.target(), MAX_TEXT));
        node.put("result", event.result().name());
        node.put("detail", bounded(event.detail(), MAX_TEXT));
        node.put("source", bounded(event.source(), MAX_FIELD));
        node.put("prev", prevHash);
        String body;
        try {
            body = mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an audit record as JSON", e);
        }
        return body.substring(0, body.length() - 1) + ",\"hash\":\"" + sha256(body) + "\"}";
    }

    /** @return empty for a line that is not a complete record (torn by a crash, or garbage) */
    Optional<Line> decode(String line) {
        Matcher suffix = HASH_SUFFIX.matcher(line);
        if (!suffix.find()) {
            return Optional.empty();
        }
        String body = line.substring(0, suffix.start()) + "}";
        try {
            JsonNode node = mapper.readTree(body);
            AuditEvent event = new AuditEvent(Instant.parse(node.get("time").asText()), text(node, "actor"),
                    text(node, "action"), text(node, "target"),
                    AuditEvent.Result.valueOf(node.get("result").asText()), text(node, "detail"),
                    text(node, "source"));
            String stored = suffix.group(1);
            return Optional.of(new Line(event, text(node, "prev"), stored, stored.equals(sha256(body))));
        } catch (Exception e) { // any malformed part makes the line unreadable, never the reader fail
            return Optional.empty();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return value.asText();
    }

    private static String bounded(String value, int max) {
        if (value == null) {
            return "";
        }
        return value.length() <= max ? value : value.substring(0, max) + "…";
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
