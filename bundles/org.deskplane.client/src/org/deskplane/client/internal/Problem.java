package org.deskplane.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The RFC 9457 problem details of an error answer, or what can be said when the body is not one. */
record Problem(int status, String type, String title, String detail) {

    private static final int MAX_SHOWN_CHARS = 500;

    static Problem of(Reply reply, ObjectMapper json) {
        String fallbackTitle = "HTTP " + reply.status();
        try {
            JsonNode node = json.readTree(reply.body());
            if (node != null && node.isObject()) {
                return new Problem(reply.status(), node.path("type").asText("about:blank"),
                        node.path("title").asText(fallbackTitle), node.path("detail").asText(""));
            }
        } catch (Exception notJson) {
            // not problem+json (a proxy's HTML page, say): show the start of the text instead
        }
        String text = RestClient.text(reply.body()).strip();
        return new Problem(reply.status(), "about:blank", fallbackTitle,
                text.length() > MAX_SHOWN_CHARS ? text.substring(0, MAX_SHOWN_CHARS) + "…" : text);
    }

    /** One line for a person: what was asked, what the server said, what to do for auth errors. */
    String describe(String request) {
        String said = title + (detail.isEmpty() ? "" : ": " + detail);
        return switch (status) {
            case 401 -> "Not logged in or the session has expired (401, " + request + "): " + said
                    + ". Log in again.";
            case 403 -> "Your role is not allowed to do this (403, " + request + "): " + said;
            case 503 -> "The server's service for this is not available right now (503, " + request + "): "
                    + said;
            default -> "The server refused " + request + " (" + status + "): " + said;
        };
    }
}
