package org.deskplane.layers.rest.internal;

import java.io.IOException;
import java.util.List;

import org.deskplane.rest.api.ApiRequest;
import org.deskplane.rest.api.ApiResult;
import org.deskplane.rest.api.Route;
import org.deskplane.security.api.Role;

/** The store as a whole: sizes, garbage collection, verification. */
final class StoreRoutes {

    private final LayersServices services;

    StoreRoutes(LayersServices services) {
        this.services = services;
    }

    List<Route> routes() {
        return List.of(
                Route.get("/layers/stats", Role.OPERATOR, "Store sizes (logical / stored bytes is the dedup ratio) → StoreStats",
                        Guarded.read(request -> ApiResult.ok(services.store().stats()))),
                Route.post("/layers/gc", Role.ADMIN, "Delete chunks no version references (uploads in progress are spared) "
                        + "→ GcReport", Guarded.audited(services, "layers.gc", this::gc)),
                Route.post("/layers/verify", Role.ADMIN, "Read back and check every chunk and manifest → VerifyReport",
                        Guarded.audited(services, "layers.verify", this::verify)));
    }

    private ApiResult gc(ApiRequest request) throws IOException {
        return ApiResult.ok(services.store().collectGarbage());
    }

    private ApiResult verify(ApiRequest request) throws IOException {
        return ApiResult.ok(services.store().verify());
    }
}
