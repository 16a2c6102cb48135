package org.deskplane.security.rest.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiRequest;
import org.deskplane.security.api.Session;

import com.fasterxml.jackson.databind.ObjectMapper;

/** A request as the dispatcher would hand it over, built by a test. */
final class FakeApiRequest implements ApiRequest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String method;
    private final String path;
    private final Map<String, String> pathParams = new HashMap<>();
    private final Map<String, String> query = new HashMap<>();
    private Session session;
    private String remoteAddress = "127.0.0.1";
    private byte[] body = new byte[0];

    FakeApiRequest(String method, String path) {
        this.method = method;
        this.path = path;
    }

    FakeApiRequest json(String json) {
        body = json.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    FakeApiRequest as(Session caller) {
        session = caller;
        return this;
    }

    FakeApiRequest from(String address) {
        remoteAddress = address;
        return this;
    }

    FakeApiRequest pathParam(String name, String value) {
        pathParams.put(name, value);
        return this;
    }

    FakeApiRequest query(String name, String value) {
        query.put(name, value);
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

    @Override
    public String pathParam(String name) {
        return pathParams.get(name);
    }

    @Override
    public Optional<String> query(String name) {
        return Optional.ofNullable(query.get(name));
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.empty();
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
    public InputStream body() throws IOException {
        return new ByteArrayInputStream(body);
    }

    @Override
    public <T> T bodyAs(Class<T> type) {
        try {
            return MAPPER.readValue(body, type);
        } catch (IOException e) {
            throw ApiException.badRequest("malformed JSON: " + e.getMessage());
        }
    }
}
