package org.deskplane.security.rest.internal;

import org.deskplane.rest.testing.FakeApiRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiRequest;
import org.deskplane.rest.api.ApiResource;
import org.deskplane.rest.api.ApiResult;
import org.deskplane.rest.api.Route;
import org.deskplane.security.api.AuditEvent;
import org.deskplane.security.api.AuthenticationService;
import org.deskplane.security.api.Role;
import org.deskplane.security.api.Session;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** The registered {@code auth} routes against the real security components. */
class AuthApiResourceTest {

    private static final String ADMIN_PASSWORD = System.getProperty("deskplane.admin.initialPassword");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static ApiResource resource;
    private static AuthenticationService auth;

    @BeforeAll
    static void awaitServices() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(AuthApiResourceTest.class).getBundleContext();
        assertNotNull(context, "the REST bundle must be started");
        ServiceTracker<ApiResource, ApiResource> resources = new ServiceTracker<>(context,
                context.createFilter("(&(objectClass=" + ApiResource.class.getName() + ")("
                        + ApiResource.NAME_PROPERTY + "=auth))"), null);
        resources.open();
        resource = resources.waitForService(WAIT.toMillis());
        assertNotNull(resource, "the auth ApiResource did not come up within " + WAIT);
        ServiceTracker<AuthenticationService, AuthenticationService> authTracker =
                new ServiceTracker<>(context, AuthenticationService.class, null);
        authTracker.open();
        auth = authTracker.waitForService(WAIT.toMillis());
        assertNotNull(auth);
    }

    private static ApiResult call(String method, String path, ApiRequest request) throws Exception {
        Route route = resource.routes().stream().filter(r -> r.method().equals(method) && r.path().equals(path))
                .findFirst().orElseThrow(() -> new AssertionError("no route " + method + " " + path));
        return route.handler().handle(request);
    }

    private static Session loginAsAdmin() throws Exception {
        ApiResult result = call("POST", "/auth/login", new FakeApiRequest("POST", "/auth/login")
                .json("{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}"));
        assertEquals(200, result.status());
        LoginResponse response = (LoginResponse) result.json();
        return auth.validate(response.token()).orElseThrow(() -> new AssertionError("token from login not valid"));
    }

    @Test
    void loginGivesATokenTheAuthenticationServiceAccepts() throws Exception {
        Session admin = loginAsAdmin();
        assertEquals(Role.ADMIN, admin.role());
        ApiResult logout = call("POST", "/auth/logout", new FakeApiRequest("POST", "/auth/logout").as(admin));
        assertEquals(204, logout.status());
        assertTrue(auth.validate(admin.token()).isEmpty(), "logged out");
    }

    @Test
    void wrongPasswordIs401AndRepeatedFailuresLockTheAddressWith429AndRetryAfter() throws Exception {
        String address = "198.51.100." + (1 + (int) (Math.random() * 250));
        // guesses at users that do not exist, a new name each time, so that only the address gets locked: it takes
        // 4 x the per-user limit of 5 (an address may be a NAT for many users)
        for (int i = 0; i < 20; i++) {
            String body = "{\"username\":\"ghost-" + UUID.randomUUID().toString().substring(0, 8)
                    + "\",\"password\":\"not-the-password\"}";
            ApiException e = assertThrows(ApiException.class,
                    () -> call("POST", "/auth/login", new FakeApiRequest("POST", "/auth/login").json(body).from(address)));
            assertEquals(401, e.status());
        }
        ApiResult locked = call("POST", "/auth/login", new FakeApiRequest("POST", "/auth/login")
                .json("{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}").from(address));
        assertEquals(429, locked.status());
        long retryAfter = Long.parseLong(locked.headers().get("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= 300, "Retry-After " + retryAfter);
        assertEquals(Role.ADMIN, loginAsAdmin().role(), "the same user from another address is not locked");
    }

    @Test
    void adminsCreateListAndDeleteUsersAndThatIsAudited() throws Exception {
        Session admin = loginAsAdmin();
        String name = "op-" + UUID.randomUUID().toString().substring(0, 8);
        ApiResult created = call("POST", "/users", new FakeApiRequest("POST", "/users").as(admin).from("10.9.8.7")
                .json("{\"username\":\"" + name + "\",\"password\":\"operator-password\",\"role\":\"operator\"}"));
        assertEquals(201, created.status());
        UserView view = (UserView) created.json();
        assertEquals(name, view.username());
        assertEquals(Role.OPERATOR, view.role());

        ApiException taken = assertThrows(ApiException.class, () -> call("POST", "/users", new FakeApiRequest("POST",
                "/users").as(admin).json("{\"username\":\"" + name + "\",\"password\":\"operator-password\",\"role\":\"USER\"}")));
        assertEquals(409, taken.status());
        ApiException weak = assertThrows(ApiException.class, () -> call("POST", "/users", new FakeApiRequest("POST",
                "/users").as(admin).json("{\"username\":\"weak-one\",\"password\":\"short\",\"role\":\"USER\"}")));
        assertEquals(400, weak.status());

        @SuppressWarnings("unchecked")
        List<UserView> users = (List<UserView>) call("GET", "/users", new FakeApiRequest("GET", "/users").as(admin)).json();
        assertTrue(users.stream().anyMatch(u -> u.username().equals(name)), users.toString());
        assertTrue(users.stream().anyMatch(u -> u.username().equals("admin")), users.toString());

        ApiResult deleted = call("DELETE", "/users/{name}",
                new FakeApiRequest("DELETE", "/users/" + name).as(admin).pathParam("name", name));
        assertEquals(204, deleted.status());
        ApiException gone = assertThrows(ApiException.class, () -> call("DELETE", "/users/{name}",
                new FakeApiRequest("DELETE", "/users/" + name).as(admin).pathParam("name", name)));
        assertEquals(404, gone.status());
        ApiException lastAdmin = assertThrows(ApiException.class, () -> call("DELETE", "/users/{name}",
                new FakeApiRequest("DELETE", "/users/admin").as(admin).pathParam("name", "admin")));
        assertEquals(409, lastAdmin.status());

        @SuppressWarnings("unchecked")
        List<AuditEventView> audit = (List<AuditEventView>) call("GET", "/audit", new FakeApiRequest("GET", "/audit")
                .as(admin).query("action", "user.").query("actor", "admin").query("limit", "10")).json();
        AuditEventView delete = audit.stream().filter(e -> e.action().equals("user.delete") && e.target().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError(audit.toString()));
        AuditEventView create = audit.stream().filter(e -> e.action().equals("user.create") && e.target().equals(name)
                && e.result() == AuditEvent.Result.SUCCESS).findFirst().orElseThrow(() -> new AssertionError(audit.toString()));
        assertEquals(AuditEvent.Result.SUCCESS, delete.result());
        assertEquals("10.9.8.7", create.source());
        assertTrue(audit.indexOf(delete) < audit.indexOf(create), "newest first");
    }

    @Test
    void auditQueryParametersAreChecked() throws Exception {
        Session admin = loginAsAdmin();
        for (String[] bad : new String[][] { { "since", "yesterday" }, { "limit", "-1" }, { "limit", "many" } }) {
            ApiException e = assertThrows(ApiException.class, () -> call("GET", "/audit",
                    new FakeApiRequest("GET", "/audit").as(admin).query(bad[0], bad[1])));
            assertEquals(400, e.status(), String.join("=", bad));
        }
        @SuppressWarnings("unchecked")
        List<AuditEventView> logins = (List<AuditEventView>) call("GET", "/audit", new FakeApiRequest("GET", "/audit")
                .as(admin).query("action", "auth.login").query("since", "2000-01-01T00:00:00Z").query("limit", "1"))
                .json();
        assertEquals(1, logins.size());
        assertEquals("admin", logins.get(0).actor());
    }

    @Test
    void usersChangeTheirOwnPasswordWithTheCurrentOneAndAdminsSetAnyones() throws Exception {
        Session admin = loginAsAdmin();
        String name = "pw-" + UUID.randomUUID().toString().substring(0, 8);
        call("POST", "/users", new FakeApiRequest("POST", "/users").as(admin)
                .json("{\"username\":\"" + name + "\",\"password\":\"first-password\",\"role\":\"USER\"}"));
        Session user = auth.login(name, "first-password".toCharArray(), "10.1.1.1");
        String path = "/users/{name}/password";

        ApiException wrongCurrent = assertThrows(ApiException.class, () -> call("PUT", path,
                new FakeApiRequest("PUT", path).as(user).pathParam("name", name)
                        .json("{\"currentPassword\":\"not-it\",\"newPassword\":\"second-password\"}")));
        assertEquals(403, wrongCurrent.status());
        assertEquals(204, call("PUT", path, new FakeApiRequest("PUT", path).as(user).pathParam("name", name)
                .json("{\"currentPassword\":\"first-password\",\"newPassword\":\"second-password\"}")).status());
        assertEquals(name, auth.login(name, "second-password".toCharArray(), "10.1.1.1").username());

        ApiException notOwn = assertThrows(ApiException.class, () -> call("PUT", path,
                new FakeApiRequest("PUT", path).as(user).pathParam("name", "admin")
                        .json("{\"newPassword\":\"taken-over-admin\"}")));
        assertEquals(403, notOwn.status());

        assertEquals(204, call("PUT", path, new FakeApiRequest("PUT", path).as(admin).pathParam("name", name)
                .json("{\"newPassword\":\"reset-by-admin\"}")).status());
        assertEquals(name, auth.login(name, "reset-by-admin".toCharArray(), "10.1.1.1").username());
        ApiException weak = assertThrows(ApiException.class, () -> call("PUT", path,
                new FakeApiRequest("PUT", path).as(admin).pathParam("name", name).json("{\"newPassword\":\"short\"}")));
        assertEquals(400, weak.status());
    }
}
