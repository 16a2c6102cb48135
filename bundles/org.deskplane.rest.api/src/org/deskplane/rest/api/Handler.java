package org.deskplane.rest.api;

/** Serves one route. Throw {@link ApiException} for a problem the caller should see. */
@FunctionalInterface
public interface Handler {
    ApiResult handle(ApiRequest request) throws Exception;
}
