package org.deskplane.bundles.rest.tests;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.deskplane.rest.api.ApiRequest;
import org.deskplane.security.api.Role;
import org.deskplane.security.api.Session;

/** A request as the dispatcher would hand it to a handler, from user "alice". */
final class TestRequest implements ApiRequest {
    private final String method;
    private final String path;
    private final Map<String, String> params = new HashMap<>();
    private final Map<String, String> query = new HashMap<>();
    private byte[] body = new byte[0];
    private Object json;

    TestRequest(String method, String path) {
        this.method = method;
        this.path = path;
    }

    TestRequest param(String name, String value) {
        params.put(name, value);
        return this;
    }

    TestRequest query(String name, String value) {
        query.put(name, value);
        return this;
    }

    TestRequest body(byte[] bytes) {
        this.body = bytes;
        return this;
    }

    TestRequest json(Object value) {
        this.json = value;
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
        return params.get(name);
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
        return Optional.of(new Session("alice", Role.ADMIN, "not-a-real-token", Instant.now().plusSeconds(3600)));
    }

    @Override
    public String remoteAddress() {
        return "192.0.2.7";
    }

    @Override
    public InputStream body() {
        return new ByteArrayInputStream(body);
    }

    @Override
    public <T> T bodyAs(Class<T> type) {
        return type.cast(json);
    }
}
