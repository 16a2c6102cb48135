package org.deskplane.layers.rest.internal;

import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiRequest;

/** The small path and query checks the routes share. */
final class Params {

    private Params() {
    }

    static long number(ApiRequest request, String name, long fallback, long min, long max) {
        String raw = request.query(name).map(String::strip).filter(v -> !v.isEmpty()).orElse(null);
        return raw == null ? fallback : parse(name, raw, min, max);
    }

    static long pathNumber(ApiRequest request, String name) {
        return parse(name, request.pathParam(name), 1, Long.MAX_VALUE);
    }

    static long requiredNumber(ApiRequest request, String name, long min) {
        String raw = request.query(name).map(String::strip).filter(v -> !v.isEmpty())
                .orElseThrow(() -> ApiException.badRequest("the query parameter " + name + " is required"));
        return parse(name, raw, min, Long.MAX_VALUE);
    }

    private static long parse(String name, String raw, long min, long max) {
        try {
            long value = Long.parseLong(raw);
            if (value < min || value > max) {
                throw ApiException.badRequest(name + " must be between " + min + " and " + max + ": " + raw);
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " is not a number: " + raw);
        }
    }

    static boolean isChunkId(String id) {
        return id != null && id.matches("[0-9a-f]{64}");
    }
}
