package org.deskplane.rest.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A route path such as {@code /bundles/{id}/start}: literal segments must be equal, {@code {name}}
 * segments match any one non-empty segment and are captured.
 */
final class PathTemplate {

    private final String template;
    private final String[] segments;
    private final List<String> parameterNames = new ArrayList<>();

    PathTemplate(String template) {
        this.template = template;
        this.segments = split(template);
        for (String s : segments) {
            if (isParameter(s)) {
                parameterNames.add(s.substring(1, s.length() - 1));
            }
        }
    }

    String template() {
        return template;
    }

    List<String> parameterNames() {
        return parameterNames;
    }

    /** Literal segments count more than parameters, so {@code /users/me} wins over {@code /users/{name}}. */
    int specificity() {
        int score = segments.length * 2;
        for (String s : segments) {
            if (!isParameter(s)) {
                score += 1;
            }
        }
        return score;
    }

    /** The captured parameters, or null when the path does not match. */
    Map<String, String> match(String[] pathSegments) {
        if (pathSegments.length != segments.length) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < segments.length; i++) {
            String expected = segments[i];
            String actual = pathSegments[i];
            if (isParameter(expected)) {
                if (actual.isEmpty()) {
                    return null;
                }
                params.put(expected.substring(1, expected.length() - 1), actual);
            } else if (!expected.equals(actual)) {
                return null;
            }
        }
        return params;
    }

    static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }

    private static boolean isParameter(String segment) {
        return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}");
    }
}
