package org.deskplane.content.internal;

import org.deskplane.content.api.ContentException;
import org.deskplane.content.api.ContentException.Reason;
import org.deskplane.content.api.RequestContext;
import org.deskplane.content.internal.PolicyRule.Operation;
import org.deskplane.security.api.Role;

/**
 * What acting on behalf of another user may do: only an administrator may, and only read. Writing is refused so
 * that a file never changes under a user's name by someone else's hand — the audit would show the administrator,
 * but the user's files would not; an administrator who must change a file does it as themselves, under a policy.
 */
final class OnBehalfRule {

    private OnBehalfRule() {
    }

    /** Throws DENIED when the context acts on behalf and that is not allowed for {@code operation}. */
    static void check(RequestContext context, Operation operation) throws ContentException {
        RequestContext.Actor actor = context.actor();
        if (actor == null) {
            return;
        }
        if (actor.role() != Role.ADMIN) {
            throw new ContentException(Reason.DENIED, actor.user() + " (" + actor.role()
                    + ") may not act on behalf of " + context.user() + ": only an administrator may");
        }
        if (operation != Operation.READ) {
            throw new ContentException(Reason.DENIED, "writing on behalf of " + context.user()
                    + " is not allowed: an administrator viewing as another user reads only");
        }
    }

    /** The audit details: prefixed by whose view it was when acting on behalf. */
    static String detail(RequestContext context, String detail) {
        return context.onBehalf() ? "as " + context.user() + (detail == null || detail.isEmpty() ? "" : "; " + detail)
                : detail;
    }
}
