package org.deskplane.client.internal;

import org.deskplane.client.ServerException;
import org.deskplane.hypervisor.api.HypervisorException;
import org.deskplane.hypervisor.api.HypervisorException.Kind;
import org.deskplane.hypervisor.api.NotSupportedException;

/**
 * Maps the server's problem answers for hypervisor routes back onto {@link HypervisorException} kinds, the
 * inverse of the server's mapping (see org.deskplane.hypervisor.rest's README), so that a part handles a
 * remote failure exactly like a local one.
 */
final class HypervisorErrors {

    private HypervisorErrors() {
    }

    /**
     * @param operation    the API method, e.g. {@code insertMedia} (named in a not-supported error)
     * @param connectionId the connection the call was for
     * @return the exception to throw; 401/403 stay {@link ServerException}s (a session matter, not the VM's)
     */
    static Exception translate(String operation, String connectionId, ServerException e) {
        if (e.status() == 401 || e.status() == 403) {
            return e;
        }
        String said = e.detail() == null || e.detail().isBlank() ? e.getMessage() : e.detail();
        return switch (e.status()) {
            // the server's text is the provider's NotSupportedException message; same type as locally
            case 501 -> new NotSupportedException(operation, connectionId, e);
            case 404 -> new HypervisorException(Kind.NOT_FOUND, said, e);
            case 400, 409, 422 -> new HypervisorException(Kind.INVALID, said, e);
            // 0: no answer at all; 503: the hypervisor connection (or its REST provider) is away
            case 0, 503 -> new HypervisorException(Kind.CONNECTION_LOST, e.getMessage(), e);
            case 504 -> new HypervisorException(Kind.TIMEOUT, said, e);
            default -> new HypervisorException(Kind.FAILED, said, e);
        };
    }
}
