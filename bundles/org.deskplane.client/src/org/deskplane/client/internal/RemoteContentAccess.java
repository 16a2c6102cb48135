package org.deskplane.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Objects;

import org.deskplane.client.ServerException;
import org.deskplane.content.api.ContentAccess;
import org.deskplane.content.api.ContentEntry;
import org.deskplane.content.api.ContentReader;
import org.deskplane.content.api.DataSource;
import org.deskplane.content.api.RequestContext;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The server's {@link ContentAccess} over the Profile API ({@code /api/profile/sources…}). The
 * {@link RequestContext} is not sent: the server builds its own from the bearer token (who), the connection
 * (from where) and the User-Agent, and audits and applies policies to that — a client cannot claim to be
 * someone else. Failures come back as {@link org.deskplane.content.api.ContentException}s
 * ({@link ContentErrors}); an expired session stays a {@link ServerException} with status 401.
 */
final class RemoteContentAccess implements ContentAccess {

    private final RestClient rest;

    RemoteContentAccess(RestClient rest) {
        this.rest = rest;
    }

    @FunctionalInterface
    interface Call<T> {
        T run();
    }

    @Override
    public List<DataSource> sources(RequestContext context) throws IOException {
        return call(() -> JsonMapping.list(rest.getJson("/profile/sources"), "data source", ContentJson::dataSource));
    }

    @Override
    public ContentEntry stat(RequestContext context, String sourceId, String path) throws IOException {
        return call(() -> ContentJson.entry(rest.getJson(at(sourceId, "stat", path))));
    }

    @Override
    public List<ContentEntry> list(RequestContext context, String sourceId, String path) throws IOException {
        return call(() -> JsonMapping.list(rest.getJson(at(sourceId, "entries", path)), "content entry",
                ContentJson::entry));
    }

    /** Asks for the entry now; every {@link ContentReader#read} is then one Range request (nothing is buffered). */
    @Override
    public ContentReader open(RequestContext context, String sourceId, String path) throws IOException {
        ContentEntry entry = stat(context, sourceId, path);
        if (entry.directory()) {
            throw new org.deskplane.content.api.ContentException(
                    org.deskplane.content.api.ContentException.Reason.WRONG_TYPE, path + " is a folder");
        }
        return new RemoteContentReader(rest, at(sourceId, "content", path), entry);
    }

    @Override
    public List<ContentEntry> search(RequestContext context, String sourceId, String path, String query)
            throws IOException {
        return call(() -> JsonMapping.list(rest.getJson(at(sourceId, "search", path) + "&q="
                + PathSegments.query(Objects.requireNonNull(query, "query"))), "content entry", ContentJson::entry));
    }

    /** Streams {@code content} as the request body; the caller still owns (and closes) the stream. */
    @Override
    public ContentEntry write(RequestContext context, String sourceId, String path, InputStream content)
            throws IOException {
        Objects.requireNonNull(content, "content");
        String target = at(sourceId, "content", path);
        return call(() -> ContentJson.entry(rest.expectAndParse("PUT", target,
                HttpRequest.BodyPublishers.ofInputStream(() -> new UnclosedStream(content)),
                "application/octet-stream")));
    }

    @Override
    public void delete(RequestContext context, String sourceId, String path) throws IOException {
        call(() -> rest.sendJson("DELETE", at(sourceId, "content", path), null));
    }

    static String at(String sourceId, String route, String path) {
        return "/profile/sources/" + PathSegments.segment(Objects.requireNonNull(sourceId, "sourceId")) + "/" + route
                + "?path=" + PathSegments.query(path == null || path.isEmpty() ? "/" : path);
    }

    static <T> T call(Call<T> call) throws IOException {
        try {
            return call.run();
        } catch (ServerException e) {
            if (e.status() == 401) {
                throw e;
            }
            throw ContentErrors.translate(e);
        }
    }

    /** The HTTP client closes the body stream when it is sent; the caller's stream is the caller's to close. */
    private static final class UnclosedStream extends java.io.FilterInputStream {
        UnclosedStream(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // left open on purpose
        }
    }
}
