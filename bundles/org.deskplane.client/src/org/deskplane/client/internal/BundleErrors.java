package org.deskplane.client.internal;

import java.util.Locale;

import org.deskplane.bundles.api.BundleOperationException;
import org.deskplane.bundles.api.BundleOperationException.Kind;
import org.deskplane.client.ServerException;

/** Maps the server's error answers for bundle operations onto {@link BundleOperationException} kinds. */
final class BundleErrors {

    private BundleErrors() {
    }

    static RuntimeException translate(String what, ServerException e) {
        if (e.status() == 401 || e.status() == 403) {
            return e; // a session problem: the caller must log in again or ask an admin
        }
        Kind kind = switch (e.status()) {
            case 400 -> Kind.INVALID;
            case 404 -> Kind.NOT_FOUND;
            case 409 -> Kind.CONFLICT;
            case 422 -> mentionsVerification(e) ? Kind.VERIFICATION_FAILED : Kind.INVALID;
            default -> Kind.FAILED;
        };
        return new BundleOperationException(kind, "Cannot " + what + ": " + e.getMessage(), e);
    }

    private static boolean mentionsVerification(ServerException e) {
        String text = (e.title() + " " + e.detail()).toLowerCase(Locale.ROOT);
        return text.contains("verif") || text.contains("sign");
    }
}
