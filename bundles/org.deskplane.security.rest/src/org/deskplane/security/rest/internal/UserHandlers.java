package org.deskplane.security.rest.internal;

import java.util.Arrays;
import java.util.Locale;

import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiRequest;
import org.deskplane.rest.api.ApiResult;
import org.deskplane.security.api.AuditEvent;
import org.deskplane.security.api.AuditEvent.Result;
import org.deskplane.security.api.Role;
import org.deskplane.security.api.Session;
import org.deskplane.security.api.UserAccount;
import org.deskplane.security.api.UserService;

/**
 * {@code GET /users}, {@code POST /users}, {@code DELETE /users/{name}}, {@code PUT /users/{name}/password};
 * changes are audited with the actor.
 */
final class UserHandlers {

    private final SecurityServices services;

    UserHandlers(SecurityServices services) {
        this.services = services;
    }

    ApiResult list(ApiRequest request) {
        return ApiResult.ok(services.users().list().stream().map(UserView::of).toList());
    }

    ApiResult create(ApiRequest request) {
        NewUserRequest body = request.bodyAs(NewUserRequest.class);
        if (body == null || body.username() == null || body.password() == null || body.role() == null) {
            throw ApiException.badRequest("Send {\"username\": ..., \"password\": ..., \"role\": ADMIN|OPERATOR|USER}.");
        }
        Role role = parseRole(body.role());
        UserService users = services.users();
        if (users.find(body.username()).isPresent()) {
            audit(request, "user.create", body.username(), Result.FAILURE, "user name already taken");
            throw ApiException.conflict("User '" + body.username() + "' already exists.");
        }
        char[] password = body.password().toCharArray();
        try {
            UserAccount created = users.create(body.username(), password, role);
            audit(request, "user.create", created.username(), Result.SUCCESS, "role " + role);
            return ApiResult.created(UserView.of(created));
        } catch (IllegalArgumentException e) {
            audit(request, "user.create", body.username(), Result.FAILURE, e.getMessage());
            throw ApiException.badRequest(e.getMessage());
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    ApiResult delete(ApiRequest request) {
        String name = request.pathParam("name");
        UserService users = services.users();
        if (users.find(name).isEmpty()) {
            throw ApiException.notFound("There is no user '" + name + "'.");
        }
        try {
            users.delete(name);
        } catch (IllegalStateException e) { // the last administrator
            audit(request, "user.delete", name, Result.FAILURE, e.getMessage());
            throw ApiException.conflict(e.getMessage());
        } catch (IllegalArgumentException e) { // deleted by someone else meanwhile
            throw ApiException.notFound("There is no user '" + name + "'.");
        }
        audit(request, "user.delete", name, Result.SUCCESS, "");
        return ApiResult.noContent();
    }

    /** Own password with the current one; anyone's as ADMIN (for a forgotten password or the first-start one). */
    ApiResult changePassword(ApiRequest request) {
        String name = request.pathParam("name");
        PasswordChangeRequest body = request.bodyAs(PasswordChangeRequest.class);
        if (body.newPassword() == null) {
            throw ApiException.badRequest("Send {\"currentPassword\": ..., \"newPassword\": ...}.");
        }
        Session caller = request.session().orElseThrow();
        boolean own = caller.username().equals(name);
        if (!own && !caller.role().includes(Role.ADMIN)) {
            audit(request, "user.password", name, Result.DENIED, "not the caller's own account");
            throw new ApiException(403, "Forbidden", "Only an ADMIN may set another user's password.");
        }
        UserService users = services.users();
        if (users.find(name).isEmpty()) {
            throw ApiException.notFound("There is no user '" + name + "'.");
        }
        char[] current = body.currentPassword() == null ? new char[0] : body.currentPassword().toCharArray();
        char[] next = body.newPassword().toCharArray();
        try {
            if (own && !users.verifyPassword(name, current)) {
                audit(request, "user.password", name, Result.FAILURE, "current password wrong");
                throw new ApiException(403, "Forbidden", "The current password is wrong.");
            }
            users.setPassword(name, next);
            audit(request, "user.password", name, Result.SUCCESS, own ? "changed by the user" : "set by an admin");
            return ApiResult.noContent();
        } catch (IllegalArgumentException e) {
            audit(request, "user.password", name, Result.FAILURE, e.getMessage());
            throw ApiException.badRequest(e.getMessage());
        } finally {
            Arrays.fill(current, '\0');
            Arrays.fill(next, '\0');
        }
    }

    private static Role parseRole(String name) {
        try {
            return Role.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Unknown role '" + name + "': use ADMIN, OPERATOR or USER.");
        }
    }

    private void audit(ApiRequest request, String action, String target, Result result, String detail) {
        services.audit().record(AuditEvent.now(request.actor(), action, target, result, detail,
                request.remoteAddress()));
    }
}
