package org.deskplane.layers.rest.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.deskplane.layers.api.Binding;
import org.deskplane.layers.api.Cvd;
import org.deskplane.layers.api.CvdStore;
import org.deskplane.layers.api.EndpointInfo;
import org.deskplane.layers.api.EndpointStatus;
import org.deskplane.layers.api.LayerException;
import org.deskplane.layers.api.SyncService;
import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiRequest;
import org.deskplane.rest.api.ApiResult;
import org.deskplane.rest.api.Route;
import org.deskplane.security.api.Role;

/** Endpoints: register (the binding rules answer), list bindings, unregister, report and read sync status. */
final class EndpointRoutes {

    static final String BASE = "/layers/endpoints";

    private final LayersServices services;

    EndpointRoutes(LayersServices services) {
        this.services = services;
    }

    List<Route> routes() {
        return List.of(
                Route.post(BASE, Role.USER, "Register an endpoint (EndpointInfo) with a CVD → its Binding (scope, driver "
                        + "set, path mappings, cache mode, rule)", Guarded.audited(services, "layers.endpoint.register",
                                409, this::register)),
                Route.get(BASE, Role.OPERATOR, "Endpoint bindings, of one CVD with ?cvd=ID → [Binding]",
                        Guarded.read(this::list)),
                Route.delete(BASE + "/{id}", Role.ADMIN, "Unbind an endpoint → 204",
                        Guarded.audited(services, "layers.endpoint.delete", this::delete)),
                Route.post(BASE + "/{id}/status", Role.USER, "An endpoint's sync status (EndpointStatus) → 204",
                        Guarded.read(this::report)),
                Route.get(BASE + "/{id}/status", Role.USER, "An endpoint's last status (404 before its first report)",
                        Guarded.read(this::status)));
    }

    private ApiResult register(ApiRequest request) throws LayerException {
        EndpointInfo info = Bodies.read(request, EndpointInfo.class);
        if (info.id() == null || info.cvdId() == null) {
            throw ApiException.badRequest("an endpoint needs an id and a cvdId");
        }
        Access.cvd(request, services.store(), info.cvdId());
        Binding binding = services.sync().register(info);
        return ApiResult.ok(binding).header("Location", "/api" + BASE + "/" + binding.endpointId());
    }

    private ApiResult list(ApiRequest request) {
        SyncService sync = services.sync();
        String cvd = request.query("cvd").map(String::strip).filter(c -> !c.isEmpty()).orElse(null);
        if (cvd != null) {
            return ApiResult.ok(sync.bindings(cvd));
        }
        List<Binding> all = new ArrayList<>();
        for (Cvd each : services.store().list()) {
            all.addAll(sync.bindings(each.id()));
        }
        all.sort(Comparator.comparing(Binding::endpointId));
        return ApiResult.ok(all);
    }

    private ApiResult delete(ApiRequest request) throws LayerException {
        SyncService sync = services.sync();
        String id = request.pathParam("id");
        if (sync.binding(id).isEmpty()) {
            throw ApiException.notFound("no endpoint " + id);
        }
        sync.unregister(id);
        return ApiResult.noContent();
    }

    private ApiResult report(ApiRequest request) throws LayerException {
        CvdStore store = services.store();
        SyncService sync = services.sync();
        String id = request.pathParam("id");
        Access.endpoint(request, store, sync, id);
        EndpointStatus body = Bodies.read(request, EndpointStatus.class);
        if (body.endpointId() != null && !body.endpointId().equals(id)) {
            throw ApiException.badRequest("the status names endpoint " + body.endpointId() + ", the path " + id);
        }
        sync.reportStatus(new EndpointStatus(id, body.applied(), body.staged(), body.pendingProfile(), body.conflicts(),
                body.reported() == null ? Instant.now() : body.reported(), body.lastError()));
        return ApiResult.noContent();
    }

    private ApiResult status(ApiRequest request) {
        CvdStore store = services.store();
        SyncService sync = services.sync();
        String id = request.pathParam("id");
        Access.endpoint(request, store, sync, id);
        return ApiResult.ok(sync.status(id).orElseThrow(() -> ApiException.notFound("endpoint " + id
                + " has not reported a status yet")));
    }
}
