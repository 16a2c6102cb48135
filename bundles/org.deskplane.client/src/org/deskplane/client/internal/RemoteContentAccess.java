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
 * someone else. The one thing taken from it: a context {@linkplain RequestContext#onBehalf() on behalf} of a user
 * asks with {@code ?as=<user>}, which the server allows administrators only (and for reading only). Failures come back as {@link org.deskplane.content.api.ContentException}s
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
        return call(() -> JsonMapping.list(rest.getJson(onBehalf(context, "/profile/sources")), "data source", ContentJson::dataSource));
    }

    @Override
    public ContentEntry stat(RequestContext context, String sourceId, String path) throws IOException {
        return call(() -> ContentJson.entry(rest.getJson(at(context, sourceId, "stat", path))));
    }

    @Override
    public List<ContentEntry> list(RequestContext context, String sourceId, String path) throws IOException {
        return call(() -> JsonMapping.list(rest.getJson(at(context, sourceId, "entries", path)), "content entry",
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
        return new RemoteContentReader(rest, at(context, sourceId, "content", path), entry);
    }

    @Override
    public List<ContentEntry> search(RequestContext context, String sourceId, String path, String query)
            throws IOException {
        return call(() -> JsonMapping.list(rest.getJson(at(context, sourceId, "search", path) + "&q="
                + PathSegments.query(Objects.requireNonNull(query, "query"))), "content entry", ContentJson::entry));
    }

    /** Streams {@code content} as the request body; the caller still owns (and closes) the stream. */
    @Override
    public ContentEntry write(RequestContext context, String sourceId, String path, InputStream content)
            throws IOException {
        Objects.requireNonNull(content, "content");
        String target = at(context, sourceId, "content", path);
        return call(() -> ContentJson.entry(rest.expectAndParse("PUT", target,
                HttpRequest.BodyPublishers.ofInputStream(() -> new UnclosedStream(content)),
                "application/octet-stream")));
    }

    @Override
    public void delete(RequestContext context, String sourceId, String path) throws IOException {
        call(() -> rest.sendJson("DELETE", at(context, sourceId, "content", path), null));
    }

    static String at(String sourceId, String route, String path) {
        return "/profile/sources/" + PathSegments.segment(Objects.requireNonNull(sourceId, "sourceId")) + "/" + route
                + "?path=" + PathSegments.query(path == null || path.isEmpty() ? "/" : path);
    }

    /** The route for {@code sourceId} with {@code ?as=} when the context is on behalf of another user. */
    static String at(RequestContext context, String sourceId, String route, String path) {
        return onBehalf(context, at(sourceId, route, path));
    }

    /** Adds {@code as=<user>} to {@code target} when {@code context} acts on behalf of that user. */
    static String onBehalf(RequestContext context, String target) {
        if (context == null || !context.onBehalf()) {
            return target;
        }
        return target + (target.contains("?") ? "&" : "?") + "as=" + PathSegments.query(context.user());
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
