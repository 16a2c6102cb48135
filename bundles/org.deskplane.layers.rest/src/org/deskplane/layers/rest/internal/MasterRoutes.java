package org.deskplane.layers.rest.internal;

import java.util.List;

import org.deskplane.layers.api.ActivityReport;
import org.deskplane.layers.api.Cvd;
import org.deskplane.layers.api.LayerException;
import org.deskplane.layers.api.SyncService;
import org.deskplane.layers.rest.internal.Bodies.EndpointRef;
import org.deskplane.layers.rest.internal.Bodies.Snapshot;
import org.deskplane.layers.rest.internal.Bodies.TokenRef;
import org.deskplane.rest.api.ApiRequest;
import org.deskplane.rest.api.ApiResult;
import org.deskplane.rest.api.Route;
import org.deskplane.security.api.Role;

/**
 * The master role: activity reports, who is master, the admin's assignment and the switch steps. A step out of turn
 * answers 409 Conflict, a stale token 409 "Stale master".
 */
final class MasterRoutes {

    private static final String CVD = CvdRoutes.BASE + "/{cvd}";

    private final LayersServices services;

    MasterRoutes(LayersServices services) {
        this.services = services;
    }

    List<Route> routes() {
        return List.of(
                Route.post(CVD + "/activity", Role.USER, "An endpoint's user activity (ActivityReport) → MasterState to act on",
                        Guarded.read(409, this::activity)),
                Route.get(CVD + "/master", Role.USER, "Who is master and where a switch stands → MasterState",
                        Guarded.read(409, this::master)),
                Route.put(CVD + "/master", Role.ADMIN, "Move the role {endpointId} (the switch steps still run) → MasterState",
                        Guarded.audited(services, "layers.master.assign", 409, this::assign)),
                Route.post(CVD + "/master/snapshot", Role.USER, "The candidate's snapshot is stored {endpointId, version} "
                        + "→ MasterState", Guarded.audited(services, "layers.master.snapshot", 409, this::snapshot)),
                Route.post(CVD + "/master/handover", Role.USER, "The old master pushed {endpointId, token} → MasterState",
                        Guarded.audited(services, "layers.master.handover", 409, this::handover)),
                Route.post(CVD + "/master/pulled", Role.USER, "The new master pulled the head {endpointId, token} → "
                        + "MasterState", Guarded.audited(services, "layers.master.pulled", 409, this::pulled)));
    }

    private ApiResult activity(ApiRequest request) throws LayerException {
        SyncService sync = services.sync();
        Cvd cvd = Access.cvd(request, services.store());
        ActivityReport report = Bodies.read(request, ActivityReport.class);
        Access.endpointOf(sync, cvd, report.endpointId());
        return ApiResult.ok(sync.reportActivity(cvd.id(), report));
    }

    private ApiResult master(ApiRequest request) throws LayerException {
        SyncService sync = services.sync();
        Cvd cvd = Access.cvd(request, services.store());
        return ApiResult.ok(sync.master(cvd.id()));
    }

    private ApiResult assign(ApiRequest request) throws LayerException {
        SyncService sync = services.sync();
        Cvd cvd = Access.cvd(request, services.store());
        EndpointRef body = Bodies.read(request, EndpointRef.class);
        Access.endpointOf(sync, cvd, body.endpointId());
        return ApiResult.ok(sync.assignMaster(cvd.id(), body.endpointId()));
    }

    private ApiResult snapshot(ApiRequest request) throws LayerException {
        SyncService sync = services.sync();
        Cvd cvd = Access.cvd(request, services.store());
        Snapshot body = Bodies.read(request, Snapshot.class);
        Access.endpointOf(sync, cvd, body.endpointId());
        return ApiResult.ok(sync.snapshotTaken(cvd.id(), body.endpointId(), body.version()));
    }

    private ApiResult handover(ApiRequest request) throws LayerException {
        SyncService sync = services.sync();
        Cvd cvd = Access.cvd(request, services.store());
        TokenRef body = Bodies.read(request, TokenRef.class);
        Access.endpointOf(sync, cvd, body.endpointId());
        return ApiResult.ok(sync.handedOver(cvd.id(), body.endpointId(), body.token()));
    }

    private ApiResult pulled(ApiRequest request) throws LayerException {
        SyncService sync = services.sync();
        Cvd cvd = Access.cvd(request, services.store());
        TokenRef body = Bodies.read(request, TokenRef.class);
        Access.endpointOf(sync, cvd, body.endpointId());
        return ApiResult.ok(sync.pulled(cvd.id(), body.endpointId(), body.token()));
    }
}
