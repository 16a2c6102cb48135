package org.deskplane.security.rest.internal;

import org.deskplane.rest.testing.FakeApiRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiResult;
import org.deskplane.security.api.AuthenticationException;
import org.deskplane.security.api.AuthenticationException.Reason;
import org.deskplane.security.api.AuthenticationService;
import org.deskplane.security.api.Role;
import org.deskplane.security.api.Session;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The login and logout handlers against a scripted authentication service (a unit test: the fake is fine). */
class LoginHandlersTest {

    private static final Session SESSION = new Session("alice", Role.OPERATOR, "token-123",
            Instant.parse("2025-03-01T18:00:00Z"));

    /** Accepts alice/right-password, locks out "locked", refuses everything else. */
    private static final class ScriptedAuthentication implements AuthenticationService {
        final List<String> loggedOut = new ArrayList<>();
        String lastAddress;

        @Override
        public Session login(String username, char[] password, String clientAddress) throws AuthenticationException {
            lastAddress = clientAddress;
            if ("locked".equals(username)) {
                throw new AuthenticationException(Reason.LOCKED_OUT, "Too many failed logins.",
                        Duration.ofSeconds(120));
            }
            if ("alice".equals(username) && "right-password".equals(new String(password))) {
                return SESSION;
            }
            throw new AuthenticationException(Reason.BAD_CREDENTIALS, "Wrong user name or password.", null);
        }

        @Override
        public Optional<Session> validate(String bearerToken) {
            return Optional.empty();
        }

        @Override
        public void logout(String bearerToken) {
            loggedOut.add(bearerToken);
        }
    }

    private final ScriptedAuthentication auth = new ScriptedAuthentication();
    private final LoginHandlers handlers = new LoginHandlers(new SecurityServices(() -> auth, () -> null, () -> null));

    @Test
    void aGoodLoginAnswersTheTokenRoleAndIsoExpiry() {
        ApiResult result = handlers.login(new FakeApiRequest("POST", "/auth/login")
                .json("{\"username\":\"alice\",\"password\":\"right-password\"}").from("10.1.2.3"));
        assertEquals(200, result.status());
        assertEquals(new LoginResponse("token-123", "alice", Role.OPERATOR, "2025-03-01T18:00:00Z"), result.json());
        assertEquals("10.1.2.3", auth.lastAddress, "the client address goes to rate limiting and audit");
    }

    @Test
    void badCredentialsAre401() {
        ApiException e = assertThrows(ApiException.class, () -> handlers.login(new FakeApiRequest("POST", "/auth/login")
                .json("{\"username\":\"alice\",\"password\":\"wrong-password\"}")));
        assertEquals(401, e.status());
    }

    @Test
    void aLockOutIs429WithRetryAfterAndAProblemBody() throws IOException {
        ApiResult result = handlers.login(new FakeApiRequest("POST", "/auth/login")
                .json("{\"username\":\"locked\",\"password\":\"whatever-password\"}"));
        assertEquals(429, result.status());
        assertEquals("120", result.headers().get("Retry-After"));
        assertEquals("application/problem+json", result.contentType());
        assertNull(result.json());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        result.writer().writeTo(body);
        JsonNode problem = new ObjectMapper().readTree(body.toByteArray());
        assertEquals(429, problem.get("status").asInt());
        assertEquals("Too many requests", problem.get("title").asText());
        assertTrue(problem.get("detail").asText().contains("Too many failed logins"), problem.toString());
    }

    @Test
    void aBodyWithoutPasswordIs400() {
        ApiException e = assertThrows(ApiException.class,
                () -> handlers.login(new FakeApiRequest("POST", "/auth/login").json("{\"username\":\"alice\"}")));
        assertEquals(400, e.status());
    }

    @Test
    void logoutEndsTheCallersSession() {
        ApiResult result = handlers.logout(new FakeApiRequest("POST", "/auth/logout").as(SESSION));
        assertEquals(204, result.status());
        assertEquals(List.of("token-123"), auth.loggedOut);
    }

    @Test
    void theRouteTableMatchesTheRestContract() {
        Map<String, String> roles = AuthApiResource.routes(new SecurityServices(() -> auth, () -> null, () -> null))
                .stream().collect(Collectors.toMap(r -> r.method() + " " + r.path(),
                        r -> r.minimumRole() == null ? "public" : r.minimumRole().name()));
        assertEquals(Map.of("POST /auth/login", "public", "POST /auth/logout", "USER", "GET /users", "ADMIN",
                "POST /users", "ADMIN", "DELETE /users/{name}", "ADMIN", "GET /audit", "ADMIN",
                "PUT /users/{name}/password", "USER"), roles);
    }

    @Test
    void aMissingServiceIs503NotANullPointer() {
        LoginHandlers without = new LoginHandlers(new SecurityServices(() -> null, () -> null, () -> null));
        ApiException e = assertThrows(ApiException.class, () -> without.login(new FakeApiRequest("POST", "/auth/login")
                .json("{\"username\":\"alice\",\"password\":\"right-password\"}")));
        assertEquals(503, e.status());
    }
}
