package org.deskplane.security.rest.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiResult;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Problem answers this bundle builds itself. {@link ApiException} cannot carry headers, so a 429 with
 * {@code Retry-After} is an {@link ApiResult} that writes the RFC 9457 body itself.
 */
final class Problems {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Problems() {
    }

    static ApiException unauthorized() {
        return new ApiException(401, "Unauthorized", "Wrong user name or password.");
    }

    static ApiException unavailable(String what) {
        return new ApiException(503, "Service unavailable", what + " is not available right now; try again shortly.");
    }

    static ApiResult tooManyRequests(String detail, Duration retryAfter) {
        long seconds = retryAfter == null ? 1 : Math.max(1, retryAfter.toSeconds());
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", "Too many requests");
        problem.put("status", 429);
        problem.put("detail", detail);
        return ApiResult.stream(429, "application/problem+json", out -> out.write(MAPPER.writeValueAsBytes(problem)))
                .header("Retry-After", Long.toString(seconds));
    }
}
