package org.deskplane.client.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Percent-encoding for values put into URL paths and queries. */
final class PathSegments {

    private PathSegments() {
    }

    static String segment(String value) {
        // URLEncoder is for forms: a space must become %20 in a path, not '+'
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
