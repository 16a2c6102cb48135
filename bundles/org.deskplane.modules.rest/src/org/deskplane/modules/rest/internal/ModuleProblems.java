package org.deskplane.modules.rest.internal;

import org.deskplane.modules.api.ModuleException;
import org.deskplane.modules.api.ModuleRequest;
import org.deskplane.modules.api.ModuleStatus;
import org.deskplane.rest.api.ApiException;

/**
 * Turns a module host's refusal into a problem answer. The problem's {@code title} is the {@link ModuleStatus} name
 * (stable, the same word a guest gets on the channel) so that clients can branch on it; {@code detail} is the host's
 * message for humans.
 */
final class ModuleProblems {

    private ModuleProblems() {
    }

    /** The HTTP status a module status is answered with (see the bundle's README for the reasoning). */
    static int httpStatus(ModuleStatus status) {
        return switch (status) {
            case OK -> 200;
            case NOT_FOUND, OTHER_VERSIONS -> 404;
            case DENIED -> 403;
            // the jar itself is the problem: the request was well-formed but its content cannot be accepted
            case UNSIGNED, TAMPERED, UNTRUSTED_SIGNER, EXPIRED, CHECKSUM_MISMATCH -> 422;
            // the module was accepted but could not run (threw, did not resolve, hung): again the module's fault
            case ACTIVATION_FAILED, ACTIVATION_TIMEOUT -> 422;
            case INVALID, NOT_WHITELISTED -> 400;
            case CONFLICT -> 409;
            case TOO_LARGE -> 413;
            // the host is saturated, not away: 429 keeps 503 meaning "the modules service is not running"
            case BUSY -> 429;
            case FAILED -> 500;
        };
    }

    static ApiException of(ModuleException e) {
        ModuleStatus status = e.status() == null ? ModuleStatus.FAILED : e.status();
        return new ApiException(httpStatus(status), status.name(), message(e.getMessage(), status), e);
    }

    /** A request the host answered without throwing but did not do. */
    static ApiException of(ModuleRequest request) {
        return new ApiException(httpStatus(request.status()), request.status().name(),
                message(request.message(), request.status()));
    }

    /** Throws unless the host did what was asked; returns the request otherwise. */
    static ModuleRequest requireOk(ModuleRequest request) {
        if (request == null) {
            throw new ApiException(500, ModuleStatus.FAILED.name(), "the module host answered nothing");
        }
        if (!request.status().ok()) {
            throw of(request);
        }
        return request;
    }

    private static String message(String message, ModuleStatus status) {
        return message == null || message.isBlank() ? "the module host answered " + status : message;
    }
}
