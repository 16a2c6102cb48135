package org.deskplane.content.rest.internal;

import org.deskplane.content.api.ContentException;
import org.deskplane.rest.api.ApiException;

/** Maps content failures to problem-detail statuses. */
final class ContentProblems {

    private ContentProblems() {
    }

    static ApiException of(ContentException e) {
        return switch (e.reason()) {
            case NOT_FOUND -> new ApiException(404, "Not found", e.getMessage(), e);
            case DENIED -> new ApiException(403, "Not allowed by policy", e.getMessage(), e);
            case READ_ONLY -> new ApiException(409, "Read-only", e.getMessage(), e);
            case WRONG_TYPE -> new ApiException(409, "Wrong type", e.getMessage(), e);
            case BUSY -> new ApiException(503, "Busy", e.getMessage(), e);
            case UNAVAILABLE -> new ApiException(503, "Unavailable", e.getMessage(), e);
            case UNREADABLE -> new ApiException(422, "Unreadable content", e.getMessage(), e);
            case INVALID -> new ApiException(400, "Bad request", e.getMessage(), e);
        };
    }
}
