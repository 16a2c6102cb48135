package org.deskplane.module.sysinfo.internal;

/**
 * Writes one flat JSON object. A module may import only API packages, so it cannot use the server's Jackson;
 * the answer is small and flat enough to write by hand.
 */
final class JsonObject {

    private final StringBuilder json = new StringBuilder("{");

    JsonObject put(String name, String value) {
        return field(name).quoted(value);
    }

    JsonObject put(String name, long value) {
        field(name).json.append(value);
        return this;
    }

    private JsonObject field(String name) {
        if (json.length() > 1) {
            json.append(',');
        }
        return quoted(name).colon();
    }

    private JsonObject colon() {
        json.append(':');
        return this;
    }

    private JsonObject quoted(String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
            case '"' -> json.append("\\\"");
            case '\\' -> json.append("\\\\");
            case '\n' -> json.append("\\n");
            case '\r' -> json.append("\\r");
            case '\t' -> json.append("\\t");
            default -> {
                if (c < 0x20) {
                    json.append(String.format("\\u%04x", (int) c));
                } else {
                    json.append(c);
                }
            }
            }
        }
        json.append('"');
        return this;
    }

    @Override
    public String toString() {
        return json + "}";
    }
}
