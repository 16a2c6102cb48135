package org.deskplane.content.rest.internal;

import java.util.Optional;

import org.deskplane.content.api.RequestContext;
import org.deskplane.rest.api.ApiException;
import org.deskplane.security.api.Role;
import org.deskplane.security.api.UserAccount;
import org.deskplane.security.api.UserService;

/**
 * The {@value #NAME} query parameter: an administrator asks as another user sees it. The other user's role is
 * looked up in the user directory here, so that the CAL decides policies on the real one; the CAL itself refuses
 * a non-administrator actor and any write on behalf.
 */
final class OnBehalfParameter {
    static final String NAME = "as";

    private OnBehalfParameter() {
    }

    static RequestContext apply(RequestContext caller, Optional<String> as, UserService users) {
        String user = as.map(String::strip).orElse("");
        if (user.isEmpty() || user.equals(caller.user())) {
            return caller;
        }
        if (caller.role() != Role.ADMIN) {
            throw new ApiException(403, "Forbidden", "only an administrator may ask as another user (?as="
                    + user + "); you are " + caller.user() + " (" + caller.role() + ")");
        }
        if (users == null) {
            throw new ApiException(503, "Service unavailable",
                    "the user directory is not running, so ?as= cannot be checked; try again later");
        }
        UserAccount account = users.find(user).orElseThrow(
                () -> new ApiException(404, "Not found", "no user '" + user + "' to act on behalf of (?as=)"));
        return caller.onBehalfOf(account.username(), account.role());
    }
}
