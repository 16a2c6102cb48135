package org.deskplane.vmdiff.remote.internal;

import org.deskplane.rest.api.ApiException;
import org.deskplane.vmdiff.api.DifferenceException;
import org.deskplane.vmdiff.api.DifferenceException.Kind;

/**
 * A {@link DifferenceException} as a problem answer and back: the problem's title is the kind's name
 * ({@code LEASE_HELD}, {@code DIVERGED}, {@code CORRUPT}…), so a host rebuilds the same kind the server's
 * copy raised and can react as it would to a server in its own process.
 */
final class Kinds {

    private Kinds() {
    }

    static ApiException problem(DifferenceException e) {
        return new ApiException(status(e.kind()), e.kind().name(), e.getMessage(), e);
    }

    static ApiException problem(Kind kind, String detail) {
        return new ApiException(status(kind), kind.name(), detail);
    }

    static int status(Kind kind) {
        return switch (kind) {
        case NOT_FOUND -> 404;
        case CORRUPT -> 400;
        case UNREACHABLE -> 503;
        case DIVERGED, LEASE_HELD, BASE_MISMATCH, INVALID -> 409;
        };
    }

    /** The kind a problem title names, or null when the title is not one (a dispatcher problem, a proxy's page). */
    static Kind kind(String title) {
        if (title == null) {
            return null;
        }
        for (Kind kind : Kind.values()) {
            if (kind.name().equals(title)) {
                return kind;
            }
        }
        return null;
    }
}
