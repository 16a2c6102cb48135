package org.deskplane.content.ui.internal;

import org.deskplane.content.api.RequestContext;
import org.deskplane.security.api.UserAccount;

/**
 * Whose view the Content part shows: the signed-in administrator's own (no user), or a user's, on their behalf
 * (their sources and policies, read-only, audited as the administrator acting for them).
 */
record ViewAs(UserAccount user) {

    static final ViewAs OWN = new ViewAs(null);

    /** The context the part's calls carry; remotely only the on-behalf user is sent (as {@code ?as=}). */
    RequestContext context(RequestContext own) {
        return user == null ? own : own.onBehalfOf(user.username(), user.role());
    }

    /** The combo line. */
    String label() {
        return user == null ? "My own view" : user.username() + " (" + user.role() + ")";
    }

    /** What the part shows above the tree, so that nobody mistakes whose files these are. */
    String banner() {
        return user == null ? "Viewing: your own view"
                : "Viewing as " + user.username() + " (" + user.role() + "): " + user.username()
                        + "'s sources and policies, read-only; audited as you acting for " + user.username();
    }
}
