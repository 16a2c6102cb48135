package org.deskplane.bundles.tests;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

import org.deskplane.rest.api.ApiRequest;
import org.deskplane.security.api.Session;

/** A GET without body, enough to call a route handler directly. */
record FakeRequest(String method, String path) implements ApiRequest {

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
    public Optional<Session> session() {
        return Optional.empty();
    }

    @Override
    public String remoteAddress() {
        return "127.0.0.1";
    }

    @Override
    public InputStream body() {
        return new ByteArrayInputStream(new byte[0]);
    }

    @Override
    public <T> T bodyAs(Class<T> type) {
        return type.cast(Map.of());
    }
}
