package org.deskplane.layers.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.deskplane.layers.api.Cvd;
import org.deskplane.layers.api.MasterState;
import org.deskplane.layers.api.Binding;
import org.deskplane.layers.api.EndpointStatus;
import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiRequest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON bodies of the routes, and how they are read: with Java time support (statuses carry instants), unknown
 * fields ignored, the size already bounded by the dispatcher.
 */
final class Bodies {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Bodies() {
    }

    static <T> T read(ApiRequest request, Class<T> type) {
        try (InputStream in = request.body()) {
            T value = JSON.readValue(in, type);
            if (value == null) {
                throw ApiException.badRequest("the request needs a JSON body");
            }
            return value;
        } catch (ApiException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // a record constructor's refusal arrives wrapped: say what the client sent wrong
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof IllegalArgumentException)) {
                cause = cause.getCause();
            }
            throw ApiException.badRequest("the body is not valid JSON for this route: " + cause.getMessage());
        }
    }

    record CreateCvd(String id, String owner) {
    }

    record CvdDetail(Cvd cvd, MasterState master, List<Binding> bindings, List<EndpointStatus> statuses) {
    }

    record Head(long head) {
    }

    record Restore(String note) {
    }

    record ChunkIds(List<String> ids) {
    }

    record Missing(List<String> missing) {
    }

    record EndpointRef(String endpointId) {
    }

    record Snapshot(String endpointId, long version) {
    }

    record TokenRef(String endpointId, long token) {
    }
}
