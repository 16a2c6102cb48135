package org.deskplane.server.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

import com.fasterxml.jackson.databind.JsonNode;

/** Authentication, roles and error answers of the real server over HTTPS. */
class AuthenticationApiTest extends SignedInAsAdmin {



    @Test
    void healthIsPublicAndNeedsNoToken() throws Exception {
        ApiClient.Response r = api.get("/health", null);
        assertEquals(200, r.status());
        assertEquals("UP", r.json().get("status").asText());
    }

    @Test
    void everyOtherEndpointAnswers401WithoutToken() throws Exception {
        for (String path : new String[] { "/openapi.json", "/users", "/audit", "/inventory/summary", "/no/such/thing" }) {
            ApiClient.Response r = api.get(path, null);
            assertEquals(401, r.status(), path);
            assertTrue(r.contentType().startsWith("application/problem+json"), path + " " + r.contentType());
            assertEquals(401, r.json().get("status").asInt());
            assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        }
    }

    @Test
    void garbageTokenIs401() throws Exception {
        assertEquals(401, api.get("/users", "not-a-token").status());
    }

    @Test
    void wrongRoleIs403AndAudited() throws Exception {
        String name = "user" + UUID.randomUUID().toString().substring(0, 8);
        ApiClient.Response created = api.postJson("/users", adminToken,
                Map.of("username", name, "password", "long-enough-password", "role", "USER"));
        assertEquals(201, created.status(), created.text());
        String userToken = api.login(name, "long-enough-password");

        ApiClient.Response denied = api.get("/users", userToken);
        assertEquals(403, denied.status());
        assertTrue(denied.json().get("detail").asText().contains("ADMIN"));
        // a USER may still read what a USER may read
        assertEquals(200, api.get("/inventory/summary", userToken).status());

        JsonNode audit = api.get("/audit?actor=" + name + "&limit=20", adminToken).json();
        boolean recorded = false;
        for (JsonNode e : audit) {
            recorded |= e.get("action").asText().equals("api.denied") && e.get("result").asText().equals("DENIED");
        }
        assertTrue(recorded, "403 not in the audit log: " + audit);
    }

    @Test
    void repeatedFailuresLockTheAccountOutAndAreAudited() throws Exception {
        String name = "victim" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, api.postJson("/users", adminToken,
                Map.of("username", name, "password", "the-right-password", "role", "OPERATOR")).status());
        for (int i = 0; i < 5; i++) {
            assertEquals(401, api.postJson("/auth/login", null,
                    Map.of("username", name, "password", "wrong-password-" + i)).status());
        }
        ApiClient.Response locked = api.postJson("/auth/login", null,
                Map.of("username", name, "password", "the-right-password"));
        assertEquals(429, locked.status(), locked.text());
        assertTrue(locked.headers().firstValue("Retry-After").isPresent());

        JsonNode audit = api.get("/audit?actor=" + name + "&action=auth.login&limit=50", adminToken).json();
        long failures = 0;
        for (JsonNode e : audit) {
            if (!e.get("result").asText().equals("SUCCESS")) {
                failures++;
            }
        }
        assertTrue(failures >= 6, "expected 5 failures and a lock-out in the audit log: " + audit);
    }

    @Test
    void expiredTokenIs401() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(getClass()).getBundleContext();
        ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> cm = new ServiceTracker<>(context,
                ConfigurationAdmin.class, null);
        cm.open();
        Configuration config = cm.waitForService(10_000).getConfiguration("org.deskplane.security", "?");
        try {
            Hashtable<String, Object> shortLived = new Hashtable<>();
            shortLived.put("tokenLifetimeSeconds", 1);
            config.update(shortLived);
            // the new lifetime applies once the component has been reconfigured: wait for a login that gets it
            String token = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                ApiClient.Response login = api.postJson("/auth/login", null,
                        Map.of("username", "admin", "password", ApiClient.adminPassword()));
                if (login.status() == 200) {
                    java.time.Instant expires = java.time.Instant.parse(login.json().get("expiresAt").asText());
                    if (expires.isBefore(java.time.Instant.now().plusSeconds(5))) {
                        token = login.json().get("token").asText();
                        break;
                    }
                }
                Thread.sleep(100);
            }
            assertNotNull(token, "configured token lifetime never took effect");
            int status = 200;
            while (System.nanoTime() < deadline && status == 200) {
                status = api.get("/openapi.json", token).status();
                Thread.sleep(100);
            }
            assertEquals(401, status, "token still accepted after its expiry");
        } finally {
            config.delete();
            cm.close();
        }
    }

    @Test
    void unknownPathAndWrongMethodAreProblems() throws Exception {
        ApiClient.Response missing = api.get("/no/such/thing", adminToken);
        assertEquals(404, missing.status());
        assertEquals("application/problem+json", missing.contentType().split(";")[0]);
        ApiClient.Response wrongMethod = api.send("DELETE", "/health", adminToken, null, null);
        assertEquals(405, wrongMethod.status());
        assertTrue(wrongMethod.headers().firstValue("Allow").orElse("").contains("GET"));
    }

    @Test
    void malformedJsonIs400NotA500() throws Exception {
        ApiClient.Response r = api.send("POST", "/auth/login", null, "{\"username\": ".getBytes(), "application/json");
        assertEquals(400, r.status(), r.text());
    }

    @Test
    void openApiDocumentListsTheLiveRoutes() throws Exception {
        JsonNode doc = api.get("/openapi.json", adminToken).json();
        assertEquals("3.1.0", doc.get("openapi").asText());
        JsonNode paths = doc.get("paths");
        assertTrue(paths.has("/health"));
        assertTrue(paths.has("/auth/login"));
        assertTrue(paths.has("/inventory/summary"));
        assertTrue(paths.get("/auth/login").get("post").get("security").isEmpty(), "login must be public");
        assertFalse(paths.get("/users").get("get").has("security"), "users must use the global bearer security");
    }

    @Test
    void plainHttpIsNotServed() throws InterruptedException {
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(api.base.replace("https://", "http://") + "/health"))
                .timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> answer = plain.send(request, HttpResponse.BodyHandlers.ofString());
            // the TLS connector may answer a plain request with an error page, but never with the API
            assertTrue(answer.statusCode() >= 400 && !answer.body().contains("\"UP\""), answer.body());
        } catch (IOException expected) {
            // the TLS connector dropped the plain-text connection
        }
    }

    @Test
    void serverLogHasWhatBundlesLogThroughJavaUtilLogging() throws Exception {
        String marker = "jul-bridge-check-" + UUID.randomUUID();
        java.util.logging.Logger.getLogger("org.deskplane.server.tests").warning(marker);
        java.nio.file.Path log = ApiClient.dataDir().resolve("logs/server.log");
        String content = java.nio.file.Files.readString(log);
        assertTrue(content.contains("WARN org.deskplane.server.tests: " + marker), "not in " + log);
    }
}
