package org.deskplane.content.internal;

import org.deskplane.content.api.ContentException;
import org.deskplane.content.api.ContentException.Reason;

/** Normalises request paths: absolute, '/'-separated, no empty, "." or ".." segments, bounded. */
final class ContentPaths {
    static final int MAX_LENGTH = 4096;
    static final int MAX_DEPTH = 256;

    private ContentPaths() {
    }

    static String normalise(String path) throws ContentException {
        if (path == null || path.isEmpty() || path.equals("/")) {
            return "/";
        }
        if (path.length() > MAX_LENGTH) {
            throw new ContentException(Reason.INVALID, "path longer than " + MAX_LENGTH + " characters");
        }
        StringBuilder out = new StringBuilder(path.length() + 1);
        int depth = 0;
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty()) {
                continue;
            }
            if (segment.equals(".") || segment.equals("..") || segment.indexOf('\0') >= 0 || segment.indexOf('\\') >= 0) {
                throw new ContentException(Reason.INVALID, "path segment '" + segment + "' is not allowed");
            }
            if (++depth > MAX_DEPTH) {
                throw new ContentException(Reason.INVALID, "path deeper than " + MAX_DEPTH + " levels");
            }
            out.append('/').append(segment);
        }
        return out.length() == 0 ? "/" : out.toString();
    }

    /** Whether {@code path} is {@code prefix} or below it. */
    static boolean within(String path, String prefix) {
        return prefix.equals("/") || path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
