package org.deskplane.security.rest.internal;

import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiRequest;
import org.deskplane.rest.api.ApiResult;
import org.deskplane.security.api.AuthenticationException;
import org.deskplane.security.api.Session;

/** {@code POST /auth/login} and {@code POST /auth/logout}. The service audits both. */
final class LoginHandlers {

    private final SecurityServices services;

    LoginHandlers(SecurityServices services) {
        this.services = services;
    }

    ApiResult login(ApiRequest request) {
        LoginRequest body = request.bodyAs(LoginRequest.class);
        if (body == null || body.username() == null || body.password() == null) {
            throw ApiException.badRequest("Send {\"username\": ..., \"password\": ...}.");
        }
        char[] password = body.password().toCharArray();
        try {
            Session session = services.authentication().login(body.username(), password, request.remoteAddress());
            return ApiResult.ok(LoginResponse.of(session));
        } catch (AuthenticationException e) {
            if (e.reason() == AuthenticationException.Reason.LOCKED_OUT) {
                return Problems.tooManyRequests(e.getMessage(), e.retryAfter());
            }
            throw Problems.unauthorized();
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
    }

    ApiResult logout(ApiRequest request) {
        request.session().ifPresent(session -> services.authentication().logout(session.token()));
        return ApiResult.noContent();
    }
}
