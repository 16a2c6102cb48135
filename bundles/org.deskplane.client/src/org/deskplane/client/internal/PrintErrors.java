package org.deskplane.client.internal;

import org.deskplane.client.ServerException;
import org.deskplane.print.api.PrintException;
import org.deskplane.print.api.PrintException.Kind;

/**
 * Maps the print routes' problem answers back onto {@link PrintException} kinds, the inverse of the server's mapping
 * (org.deskplane.print.rest's PrintProblems), so that a part handles a remote failure like a local one.
 */
final class PrintErrors {

    private PrintErrors() {
    }

    static PrintException translate(ServerException e) {
        Kind kind = switch (e.status()) {
            case 404 -> Kind.NOT_FOUND;
            case 400, 409 -> Kind.INVALID;
            case 403 -> Kind.DENIED;
            case 415 -> Kind.UNSUPPORTED;
            case 507 -> Kind.STORAGE;
            case 0, 401, 503 -> Kind.UNAVAILABLE;
            default -> Kind.FAILED;
        };
        // the server's own sentence (with status and request) says more than the kind
        return new PrintException(kind, e.getMessage(), e);
    }

    /** A server call whose {@link ServerException} becomes a {@link PrintException}. */
    interface Call<T> {
        T run();
    }

    static <T> T call(Call<T> call) throws PrintException {
        try {
            return call.run();
        } catch (ServerException e) {
            throw translate(e);
        }
    }
}
