package org.deskplane.security.rest.internal;

import java.util.List;

import org.deskplane.rest.api.ApiResource;
import org.deskplane.rest.api.Route;
import org.deskplane.security.api.AuditLog;
import org.deskplane.security.api.AuthenticationService;
import org.deskplane.security.api.Role;
import org.deskplane.security.api.UserService;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The {@code auth} group of REST routes. References are dynamic and greedy so that a swapped security provider
 * is picked up without re-registering the routes.
 */
@Component(service = ApiResource.class, property = ApiResource.NAME_PROPERTY + "=auth")
public final class AuthApiResource implements ApiResource {

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuthenticationService authentication;

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile UserService users;

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditLog audit;

    private final List<Route> routes;

    public AuthApiResource() {
        routes = routes(new SecurityServices(() -> authentication, () -> users, () -> audit));
    }

    /** The route table, also used by tests with services of their own. */
    static List<Route> routes(SecurityServices services) {
        LoginHandlers login = new LoginHandlers(services);
        UserHandlers users = new UserHandlers(services);
        AuditHandler audit = new AuditHandler(services);
        return List.of(
                Route.post("/auth/login", null, "Log in with user name and password; returns a bearer token",
                        login::login),
                Route.post("/auth/logout", Role.USER, "End the caller's session", login::logout),
                Route.get("/users", Role.ADMIN, "List users", users::list),
                Route.post("/users", Role.ADMIN, "Create a user", users::create),
                Route.delete("/users/{name}", Role.ADMIN, "Delete a user", users::delete),
                Route.put("/users/{name}/password", Role.USER,
                        "Change your own password (give the current one), or any user's as ADMIN",
                        users::changePassword),
                Route.get("/audit", Role.ADMIN, "Read the audit log, newest first", audit::query));
    }

    @Override
    public List<Route> routes() {
        return routes;
    }
}
