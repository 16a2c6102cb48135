package org.deskplane.vmdiff.rest.internal;

import org.deskplane.rest.api.ApiException;
import org.deskplane.vmdiff.api.DifferenceException;

/**
 * Turns a difference failure into a problem answer. The title is the {@link DifferenceException.Kind} name (stable,
 * so clients can branch on it); the detail is the message for humans.
 */
final class DifferenceProblems {

    private DifferenceProblems() {
    }

    static int httpStatus(DifferenceException.Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> 404;
            // the VM's state or another copy stands in the way: the caller decides what to do first
            case LEASE_HELD, DIVERGED, INVALID -> 409;
            // worth retrying later, like a provider that is away
            case UNREACHABLE -> 503;
            // the bytes are wrong: repeating the same request will not help
            case CORRUPT, BASE_MISMATCH -> 422;
        };
    }

    static ApiException of(DifferenceException e) {
        DifferenceException.Kind kind = kindOf(e);
        return new ApiException(httpStatus(kind), kind.name(), message(e), e);
    }

    /** The words an asynchronous operation ends with: "LEASE_HELD (409): alice is held by host-b". */
    static String describe(DifferenceException e) {
        DifferenceException.Kind kind = kindOf(e);
        return kind.name() + " (" + httpStatus(kind) + "): " + message(e);
    }

    static DifferenceException.Kind kindOf(DifferenceException e) {
        return e.kind() == null ? DifferenceException.Kind.INVALID : e.kind();
    }

    private static String message(DifferenceException e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? "the difference operation failed" : e.getMessage();
    }
}
