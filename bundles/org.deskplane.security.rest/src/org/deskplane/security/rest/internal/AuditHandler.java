package org.deskplane.security.rest.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiRequest;
import org.deskplane.rest.api.ApiResult;
import org.deskplane.security.api.AuditQuery;

/** {@code GET /audit?limit=&actor=&action=&since=}: newest first. */
final class AuditHandler {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 10_000;

    private final SecurityServices services;

    AuditHandler(SecurityServices services) {
        this.services = services;
    }

    ApiResult query(ApiRequest request) {
        AuditQuery query = new AuditQuery(request.query("since").map(AuditHandler::parseTime).orElse(null),
                request.query("actor").filter(s -> !s.isBlank()).orElse(null),
                request.query("action").filter(s -> !s.isBlank()).orElse(null),
                request.query("limit").map(AuditHandler::parseLimit).orElse(DEFAULT_LIMIT));
        return ApiResult.ok(services.audit().query(query).stream().map(AuditEventView::of).toList());
    }

    private static Instant parseTime(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("'since' must be an ISO-8601 instant such as 2025-01-31T12:00:00Z.");
        }
    }

    private static int parseLimit(String value) {
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit < 1) {
                throw new NumberFormatException();
            }
            return Math.min(limit, MAX_LIMIT);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("'limit' must be a whole number from 1 to " + MAX_LIMIT + ".");
        }
    }
}
