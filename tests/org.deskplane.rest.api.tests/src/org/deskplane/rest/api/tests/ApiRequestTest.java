package org.deskplane.rest.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;

import org.deskplane.rest.api.ApiRequest;
import org.deskplane.rest.api.ApiResource;
import org.deskplane.security.api.Role;
import org.deskplane.security.api.Session;
import org.junit.jupiter.api.Test;

/** The default {@code actor()} names who goes into audit records. */
class ApiRequestTest {

    @Test
    void actorIsTheSessionsUser() {
        Session session = new Session("bob", Role.USER, "token", Instant.now().plusSeconds(60));
        assertEquals("bob", new SessionOnlyRequest(Optional.of(session)).actor());
    }

    @Test
    void actorIsAnonymousWithoutASession() {
        assertEquals("anonymous", new SessionOnlyRequest(Optional.empty()).actor());
    }

    @Test
    void resourceNamePropertyIsTheOneProvidersRegisterWith() {
        // providers and the dispatcher's 503 answers agree on this literal; renaming it breaks them silently
        assertEquals("deskplane.api.name", ApiResource.NAME_PROPERTY);
    }

    /** Only the session matters to {@code actor()}. */
    private record SessionOnlyRequest(Optional<Session> session) implements ApiRequest {
        @Override
        public String method() {
            return "GET";
        }

        @Override
        public String path() {
            return "/";
        }

        @Override
        public String pathParam(String name) {
            return null;
        }

        @Override
        public Optional<String> query(String name) {
            return Optional.empty();
        }

        @Override
        public Optional<String> header(String name) {
            return Optional.empty();
        }

        @Override
        public String remoteAddress() {
            return "127.0.0.1";
        }

        @Override
        public InputStream body() {
            return InputStream.nullInputStream();
        }

        @Override
        public <T> T bodyAs(Class<T> type) {
            throw new UnsupportedOperationException();
        }
    }
}
