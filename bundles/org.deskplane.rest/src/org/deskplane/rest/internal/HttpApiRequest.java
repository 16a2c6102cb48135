package org.deskplane.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiRequest;
import org.deskplane.security.api.Session;

import com.fasterxml.jackson.core.JacksonException;

/** An {@link ApiRequest} over a servlet request. */
final class HttpApiRequest implements ApiRequest {

    /** JSON bodies are small; uploads (jars, files) use {@link #body()} with the larger cap. */
    static final long MAX_JSON_BODY = 1L << 20;

    private final HttpServletRequest request;
    private final String path;
    private final Map<String, String> pathParams;
    private final Session session;
    private final long maxBody;

    HttpApiRequest(HttpServletRequest request, String path, Map<String, String> pathParams, Session session,
            long maxBody) {
        this.request = request;
        this.path = path;
        this.pathParams = pathParams;
        this.session = session;
        this.maxBody = maxBody;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public String path() {
        return path;
    }

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
        return Optional.ofNullable(request.getParameter(name));
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.ofNullable(request.getHeader(name));
    }

    @Override
    public Optional<Session> session() {
        return Optional.ofNullable(session);
    }

    @Override
    public String remoteAddress() {
        return request.getRemoteAddr();
    }

    @Override
    public InputStream body() throws IOException {
        return new BoundedInputStream(request.getInputStream(), maxBody);
    }

    @Override
    public <T> T bodyAs(Class<T> type) {
        try (InputStream in = new BoundedInputStream(request.getInputStream(), MAX_JSON_BODY)) {
            T value = Json.MAPPER.readValue(in, type);
            if (value == null) {
                throw ApiException.badRequest("The request needs a JSON body.");
            }
            return value;
        } catch (JacksonException e) {
            throw ApiException.badRequest("The request body is not valid JSON for this endpoint: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ApiException(400, "Bad request", "The request body could not be read: " + e.getMessage(), e);
        }
    }
}
