package org.deskplane.rest.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiRequest;
import org.deskplane.security.api.Role;
import org.deskplane.security.api.Session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A request as the dispatcher hands it to a route handler, built by a test: anonymous from 127.0.0.1 with no
 * body unless told otherwise. JSON bodies are parsed like the dispatcher does (malformed JSON is a 400).
 */
public final class FakeApiRequest implements ApiRequest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String method;
    private final String path;
    private final Map<String, String> pathParams = new HashMap<>();
    private final Map<String, String> query = new HashMap<>();
    private final Map<String, String> headers = new HashMap<>();
    private Session session;
    private String remoteAddress = "127.0.0.1";
    private byte[] body = new byte[0];

    public FakeApiRequest(String method, String path) {
        this.method = method;
        this.path = path;
    }

    /** A session of the given user and role, valid for an hour (its token is not known to any server). */
    public static Session session(String username, Role role) {
        return new Session(username, role, "test-token-" + username, Instant.now().plus(Duration.ofHours(1)));
    }

    public FakeApiRequest json(String json) {
        body = json.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    /** The value serialized as JSON, as a client would send it. */
    public FakeApiRequest json(Object value) {
        try {
            body = MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public FakeApiRequest body(byte[] bytes) {
        body = bytes.clone();
        return this;
    }

    public FakeApiRequest as(Session caller) {
        session = caller;
        return this;
    }

    public FakeApiRequest as(String username, Role role) {
        return as(session(username, role));
    }

    public FakeApiRequest from(String address) {
        remoteAddress = address;
        return this;
    }

    public FakeApiRequest pathParam(String name, String value) {
        pathParams.put(name, value);
        return this;
    }

    public FakeApiRequest query(String name, String value) {
        query.put(name, value);
        return this;
    }

    public FakeApiRequest header(String name, String value) {
        headers.put(name.toLowerCase(java.util.Locale.ROOT), value);
        return this;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String path() {
        return path;
    }

    /** Like the dispatcher: asking for a parameter the route does not have is a programming error. */
    @Override
    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalArgumentException("route has no path parameter '" + name + "'");
        }
        return value;
    }

    @Override
    public Optional<String> query(String name) {
        return Optional.ofNullable(query.get(name));
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
    }

    @Override
    public Optional<Session> session() {
        return Optional.ofNullable(session);
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public InputStream body() {
        return new ByteArrayInputStream(body);
    }

    @Override
    public <T> T bodyAs(Class<T> type) {
        try {
            T value = MAPPER.readValue(body, type);
            if (value == null) {
                throw ApiException.badRequest("The request needs a JSON body.");
            }
            return value;
        } catch (IOException e) {
            throw ApiException.badRequest("The request body is not valid JSON for this endpoint: " + e.getMessage());
        }
    }
}
