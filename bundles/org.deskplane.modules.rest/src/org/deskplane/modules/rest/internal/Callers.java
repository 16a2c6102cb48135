package org.deskplane.modules.rest.internal;

import org.deskplane.modules.api.Requester;
import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiRequest;

/** Who asks, and the small parameter checks every route group needs. */
final class Callers {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private Callers() {
    }

    /** The REST caller as the module host's administrator requester (skips per-VM policy, never the trust check). */
    static Requester admin(ApiRequest request) {
        return Requester.administrator(request.actor(), request.remoteAddress());
    }

    /**
     * An administrator acting for one VM image (registrations are per image). {@link Requester#administrator} has
     * an empty image, so the image is given here explicitly.
     */
    static Requester adminForImage(ApiRequest request, String image) {
        return new Requester("", required("image", image), request.actor(), true, request.remoteAddress());
    }

    static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(name + " is required");
        }
        return value.strip();
    }

    static int limit(ApiRequest request) {
        String raw = request.query("limit").orElse(Integer.toString(DEFAULT_LIMIT));
        try {
            int limit = Integer.parseInt(raw.strip());
            if (limit < 1 || limit > MAX_LIMIT) {
                throw ApiException.badRequest("limit must be between 1 and " + MAX_LIMIT + ": " + raw);
            }
            return limit;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("limit is not a number: " + raw);
        }
    }
}
