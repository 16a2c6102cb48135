package org.deskplane.content.api;

import java.net.InetAddress;
import java.util.Objects;

import org.deskplane.security.api.Role;

/**
 * Who asks, from where and how: what policies are decided on.
 * <p>
 * A request can be made on behalf of another user (since 1.3): an administrator browsing what user X sees. Then
 * {@link #user()} and {@link #role()} are X's — so sources and policies are X's, including X's denials — and
 * {@link #actor()} is the administrator, whom the audit names as the one acting. Whoever builds the context
 * vouches for both (the Profile API takes them from the session and the user directory).
 *
 * @param user       the user name: whose view this is
 * @param role       their role
 * @param address    the client's address
 * @param formFactor "desktop", "tablet" or "phone" (from the client's User-Agent; "desktop" when unknown)
 * @param actor      who really asks when the request is made on behalf of {@code user}; null when the user asks
 *                   for themselves (since 1.3)
 */
public record RequestContext(String user, Role role, InetAddress address, String formFactor, Actor actor) {

    /**
     * The person acting on behalf of another user, with their own role (only an ADMIN may act on behalf).
     *
     * @since 1.3
     */
    public record Actor(String user, Role role) {
        public Actor {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(role, "role");
        }
    }

    /** A user asking for themselves. */
    public RequestContext(String user, Role role, InetAddress address, String formFactor) {
        this(user, role, address, formFactor, null);
    }

    /**
     * The same request (address, form factor) made by this context's user on behalf of {@code otherUser}, whose
     * role the caller looked up. Acting on behalf of oneself is simply this context.
     *
     * @since 1.3
     */
    public RequestContext onBehalfOf(String otherUser, Role otherRole) {
        Objects.requireNonNull(otherUser, "otherUser");
        Objects.requireNonNull(otherRole, "otherRole");
        if (actor != null) {
            throw new IllegalStateException(actor.user() + " already acts on behalf of " + user);
        }
        if (otherUser.equals(user)) {
            return this;
        }
        return new RequestContext(otherUser, otherRole, address, formFactor, new Actor(user, role));
    }

    /** @since 1.3 true when {@link #actor()} acts on behalf of {@link #user()} */
    public boolean onBehalf() {
        return actor != null;
    }

    /** @since 1.3 the name of who really asks: the actor when on behalf, else the user */
    public String actingUser() {
        return actor == null ? user : actor.user();
    }
}
