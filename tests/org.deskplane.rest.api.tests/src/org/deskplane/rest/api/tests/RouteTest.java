package org.deskplane.rest.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.deskplane.rest.api.ApiResult;
import org.deskplane.rest.api.Handler;
import org.deskplane.rest.api.Route;
import org.deskplane.security.api.Role;
import org.junit.jupiter.api.Test;

/** A bad route must fail where it is declared, not when the dispatcher first matches a request. */
class RouteTest {
    private static final Handler HANDLER = request -> ApiResult.noContent();

    @Test
    void nullMethodIsRejected() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> new Route(null, "/x", Role.USER, "", HANDLER));
        assertEquals("method", e.getMessage());
    }

    @Test
    void nullPathIsRejected() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> new Route("GET", null, Role.USER, "", HANDLER));
        assertEquals("path", e.getMessage());
    }

    @Test
    void nullHandlerIsRejected() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> new Route("GET", "/x", Role.USER, "", null));
        assertEquals("handler", e.getMessage());
    }

    @Test
    void pathMustStartWithASlash() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Route("GET", "bundles", Role.USER, "", HANDLER));
        assertTrue(e.getMessage().contains("bundles"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Route.get("", Role.USER, "", HANDLER));
    }

    @Test
    void methodIsUpperCased() {
        assertEquals("PATCH", new Route("patch", "/x", Role.USER, "", HANDLER).method());
        assertEquals("DELETE", new Route("Delete", "/x", Role.USER, "", HANDLER).method());
    }

    @Test
    void nullRoleMakesAPublicRoute() {
        assertNull(Route.get("/health", null, "health", HANDLER).minimumRole());
    }

    @Test
    void factoriesSetMethodAndKeepTheRest() {
        List<Route> routes = List.of(Route.get("/a", Role.USER, "read", HANDLER),
                Route.post("/a", Role.OPERATOR, "create", HANDLER), Route.put("/a/{id}", Role.ADMIN, "replace", HANDLER),
                Route.delete("/a/{id}", Role.ADMIN, "remove", HANDLER));
        assertEquals(List.of("GET", "POST", "PUT", "DELETE"), routes.stream().map(Route::method).toList());
        assertEquals(List.of("/a", "/a", "/a/{id}", "/a/{id}"), routes.stream().map(Route::path).toList());
        assertEquals(List.of(Role.USER, Role.OPERATOR, Role.ADMIN, Role.ADMIN),
                routes.stream().map(Route::minimumRole).toList());
        assertEquals(List.of("read", "create", "replace", "remove"), routes.stream().map(Route::summary).toList());
        routes.forEach(route -> assertSame(HANDLER, route.handler()));
    }

    @Test
    void factoriesValidateToo() {
        assertThrows(IllegalArgumentException.class, () -> Route.post("x", Role.ADMIN, "", HANDLER));
        assertThrows(NullPointerException.class, () -> Route.delete("/x", Role.ADMIN, "", null));
    }
}
