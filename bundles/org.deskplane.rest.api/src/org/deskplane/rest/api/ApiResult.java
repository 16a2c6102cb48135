package org.deskplane.rest.api;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a handler answers: a status, optional headers and either an object the server writes as JSON or a
 * stream the handler writes itself.
 */
public final class ApiResult {

    /** Writes a non-JSON body (a file, an archive) straight to the client. */
    @FunctionalInterface
    public interface BodyWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    private final int status;
    private final Object json;
    private final BodyWriter writer;
    private final String contentType;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private ApiResult(int status, Object json, BodyWriter writer, String contentType) {
        this.status = status;
        this.json = json;
        this.writer = writer;
        this.contentType = contentType;
    }

    public static ApiResult ok(Object body) {
        return new ApiResult(200, body, null, "application/json");
    }

    public static ApiResult created(Object body) {
        return new ApiResult(201, body, null, "application/json");
    }

    public static ApiResult accepted(Object body) {
        return new ApiResult(202, body, null, "application/json");
    }

    public static ApiResult noContent() {
        return new ApiResult(204, null, null, null);
    }

    public static ApiResult stream(int status, String contentType, BodyWriter writer) {
        return new ApiResult(status, null, writer, contentType);
    }

    public ApiResult header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    /** The object to serialize as JSON, or null. */
    public Object json() {
        return json;
    }

    /** The streaming body, or null. */
    public BodyWriter writer() {
        return writer;
    }

    public String contentType() {
        return contentType;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
