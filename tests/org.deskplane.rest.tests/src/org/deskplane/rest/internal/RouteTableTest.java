package org.deskplane.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.deskplane.rest.api.ApiResult;
import org.deskplane.rest.api.Route;
import org.deskplane.security.api.Role;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private static Route get(String path) {
        return Route.get(path, Role.USER, "test", r -> ApiResult.noContent());
    }

    @Test
    void templatesCaptureSegmentsAndLiteralsWin() {
        RouteTable table = new RouteTable();
        table.add("users", 1, List.of(get("/users/{name}"), get("/users/me")));
        assertEquals("/users/me", table.find("GET", "/users/me").entry().route().path());
        RouteTable.Match match = table.find("GET", "/users/alice");
        assertEquals(Map.of("name", "alice"), match.params());
        assertFalse(table.find("GET", "/users").found());
        assertFalse(table.find("GET", "/users/alice/extra").found());
    }

    @Test
    void wrongMethodReportsTheAllowedOnes() {
        RouteTable table = new RouteTable();
        table.add("b", 1, List.of(get("/bundles/{id}"), Route.delete("/bundles/{id}", Role.ADMIN, "", r -> null)));
        RouteTable.Match match = table.find("PUT", "/bundles/3");
        assertFalse(match.found());
        assertEquals(Set.of("GET", "DELETE"), match.allowedMethods());
    }

    @Test
    void retiredRoutesStillMatchSoTheyCanAnswer503UntilTheBundleIsGone() throws Exception {
        RouteTable table = new RouteTable();
        RouteTable.Provider provider = table.add("inventory", 7, List.of(get("/inventory/summary")));
        assertTrue(table.retire(provider, 1, TimeUnit.SECONDS));
        RouteTable.Match match = table.find("GET", "/inventory/summary");
        assertTrue(match.found());
        assertTrue(match.entry().provider().retired);
        assertTrue(table.liveEntries().isEmpty(), "retired routes are not in the OpenAPI document");

        RouteTable.Provider back = table.add("inventory", 7, List.of(get("/inventory/summary")));
        assertSame(back, table.find("GET", "/inventory/summary").entry().provider());
        assertTrue(table.retire(back, 1, TimeUnit.SECONDS));
        table.forgetBundle(7);
        assertFalse(table.find("GET", "/inventory/summary").found(), "uninstalled provider must give 404");
    }

    @Test
    void retireWaitsForRequestsInFlight() throws Exception {
        RouteTable table = new RouteTable();
        RouteTable.Provider provider = table.add("slow", 1, List.of(get("/slow")));
        provider.inFlight.incrementAndGet();
        AtomicBoolean drained = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        Thread remover = new Thread(() -> {
            started.countDown();
            try {
                drained.set(table.retire(provider, 30, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        remover.start();
        started.await();
        remover.join(200);
        assertTrue(remover.isAlive(), "retire returned while a request was still running");
        RouteTable.finished(provider);
        remover.join(10_000);
        assertTrue(drained.get());
    }

    @Test
    void retireGivesUpAfterItsBound() throws Exception {
        RouteTable table = new RouteTable();
        RouteTable.Provider provider = table.add("stuck", 1, List.of(get("/stuck")));
        provider.inFlight.incrementAndGet();
        assertFalse(table.retire(provider, 50, TimeUnit.MILLISECONDS));
    }

    @Test
    void pathSplittingIgnoresTrailingSlash() {
        assertEquals(List.of("a", "b"), List.of(PathTemplate.split("/a/b/")));
        assertEquals(0, PathTemplate.split("/").length);
        assertNull(new PathTemplate("/a/{x}").match(PathTemplate.split("/a/")));
    }
}
