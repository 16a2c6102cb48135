package org.deskplane.delivery.rest.internal;

import org.deskplane.delivery.api.PayloadRef;
import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiRequest;

/** The small path and query checks the routes share. */
final class Params {

    private Params() {
    }

    static PayloadRef payload(ApiRequest request) {
        return new PayloadRef(request.pathParam("id"), request.pathParam("version"));
    }

    /**
     * The VM of a per-VM route. VM ids are {@code connection/uuid}; they travel as two path segments (as in the
     * hypervisor routes), because an encoded '/' inside one segment is refused by the HTTP server as ambiguous.
     */
    static String vmId(ApiRequest request) {
        return request.pathParam("connection") + "/" + request.pathParam("uuid");
    }

    /** An optional integer query parameter between {@code min} and {@code max}. */
    static int integer(ApiRequest request, String name, int fallback, int min, int max) {
        String raw = request.query(name).map(String::strip).filter(v -> !v.isEmpty()).orElse(null);
        if (raw == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value < min || value > max) {
                throw ApiException.badRequest(name + " must be between " + min + " and " + max + ": " + raw);
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " is not a number: " + raw);
        }
    }
}
