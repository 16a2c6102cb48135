package org.deskplane.bundles.rest.internal;

import org.deskplane.bundles.api.BundleOperationException;
import org.deskplane.rest.api.ApiException;

/** Maps bundle management failures to the problem answers of the REST contract. */
final class Problems {
    static final int UNPROCESSABLE = 422;

    private Problems() {
    }

    static ApiException of(BundleOperationException e) {
        return switch (e.kind()) {
        case NOT_FOUND -> new ApiException(404, "Not found", e.getMessage(), e);
        case INVALID -> new ApiException(400, "Bad request", e.getMessage(), e);
        case VERIFICATION_FAILED -> new ApiException(UNPROCESSABLE, "Verification failed", e.getMessage(), e);
        case CONFLICT -> new ApiException(409, "Conflict", e.getMessage(), e);
        case FAILED -> new ApiException(500, "Operation failed", e.getMessage(), e);
        };
    }
}
