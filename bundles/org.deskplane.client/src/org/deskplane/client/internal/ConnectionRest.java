package org.deskplane.client.internal;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.deskplane.client.ServerRest;

import com.fasterxml.jackson.databind.JsonNode;

/** {@link ServerRest} on the connection's own {@link RestClient}: its token, its pinned TLS, its answer limit. */
final class ConnectionRest implements ServerRest {

    private final RestClient rest;

    ConnectionRest(RestClient rest) {
        this.rest = rest;
    }

    @Override
    public JsonNode get(String path) {
        return rest.getJson(path);
    }

    @Override
    public JsonNode send(String method, String path, Object jsonBody) {
        return rest.sendJson(method, path, jsonBody);
    }

    @Override
    public JsonNode upload(String method, String path, Path file, String contentType, Map<String, String> headers)
            throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("not a file: " + file);
        }
        // ofFile streams from the disk: a payload zip or a jar is never held in memory here
        Reply reply = rest.expectSuccess(method, path, rest.send(method, path,
                HttpRequest.BodyPublishers.ofFile(file), contentType, headers));
        return reply.body().length == 0 ? null : rest.parse(method, path, reply);
    }
}
