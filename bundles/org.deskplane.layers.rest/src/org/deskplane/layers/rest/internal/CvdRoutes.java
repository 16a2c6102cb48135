package org.deskplane.layers.rest.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.deskplane.layers.api.Binding;
import org.deskplane.layers.api.Cvd;
import org.deskplane.layers.api.CvdStore;
import org.deskplane.layers.api.CvdVersion;
import org.deskplane.layers.api.EndpointStatus;
import org.deskplane.layers.api.Layer;
import org.deskplane.layers.api.LayerException;
import org.deskplane.layers.api.PublishRequest;
import org.deskplane.layers.api.SyncService;
import org.deskplane.layers.rest.internal.Bodies.CreateCvd;
import org.deskplane.layers.rest.internal.Bodies.CvdDetail;
import org.deskplane.layers.rest.internal.Bodies.Head;
import org.deskplane.layers.rest.internal.Bodies.Restore;
import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiRequest;
import org.deskplane.rest.api.ApiResult;
import org.deskplane.rest.api.Route;
import org.deskplane.security.api.Role;

/** CVDs and their versions: list, create, inspect, wait for the head, manifests, diff, publish, restore. */
final class CvdRoutes {

    static final String BASE = "/layers/cvds";
    private static final String CVD = BASE + "/{cvd}";

    private final LayersServices services;

    CvdRoutes(LayersServices services) {
        this.services = services;
    }

    List<Route> routes() {
        return List.of(
                Route.get(BASE, Role.USER, "CVDs: a USER's own, every CVD for an OPERATOR → [Cvd]", Guarded.read(this::list)),
                Route.post(BASE, Role.ADMIN, "Create a CVD {id, owner} → 201 Cvd (409 when the id exists)",
                        Guarded.audited(services, "layers.cvd.create", 409, this::create)),
                Route.get(CVD, Role.USER, "One CVD with its master, endpoint bindings and their last statuses",
                        Guarded.read(this::detail)),
                Route.get(CVD + "/head", Role.USER, "Long poll ?after=N&waitSeconds=S (at most 30): {head} as soon as "
                        + "the head is above N, or after S seconds", Guarded.read(this::head)),
                Route.get(CVD + "/versions", Role.USER, "The CVD's versions, oldest first → [CvdVersion]",
                        Guarded.read(this::versions)),
                Route.get(CVD + "/versions/{n}", Role.USER, "One version → CvdVersion", Guarded.read(this::version)),
                Route.get(CVD + "/versions/{n}/layers/{layer}", Role.USER, "A layer's manifest at a version → LayerManifest",
                        Guarded.read(this::manifest)),
                Route.get(CVD + "/diff", Role.USER, "?from=A&to=B (A may be 0) → {from, to, layers: {LAYER: {added, "
                        + "removed, changed}}}", Guarded.read(this::diff)),
                Route.post(CVD + "/publish", Role.USER, "Publish a version (PublishRequest, every chunk put before) → 201 "
                        + "CvdVersion; 409 'Version conflict' (detail head=N), 409 'Stale master', 400 missing chunks",
                        Guarded.audited(services, "layers.publish", this::publish)),
                Route.post(CVD + "/versions/{n}/restore", Role.ADMIN, "Publish version n again as the newest {note} → 201 "
                        + "CvdVersion", Guarded.audited(services, "layers.restore", this::restore)));
    }

    private ApiResult list(ApiRequest request) {
        return ApiResult.ok(services.store().list().stream().filter(cvd -> Access.mayUse(request, cvd))
                .sorted(Comparator.comparing(Cvd::id)).toList());
    }

    private ApiResult create(ApiRequest request) throws LayerException {
        CreateCvd body = Bodies.read(request, CreateCvd.class);
        if (!Cvd.validId(body.id())) {
            throw ApiException.badRequest("a CVD id is 1 to 64 letters, digits, '.', '_' or '-', starting with a letter "
                    + "or digit: '" + body.id() + "'");
        }
        if (body.owner() == null || body.owner().isBlank()) {
            throw ApiException.badRequest("a CVD needs an owner (a user name)");
        }
        Cvd cvd = services.store().create(body.id(), body.owner().strip());
        return ApiResult.created(cvd).header("Location", "/api" + BASE + "/" + cvd.id());
    }

    private ApiResult detail(ApiRequest request) throws LayerException {
        CvdStore store = services.store();
        SyncService sync = services.sync();
        Cvd cvd = Access.cvd(request, store);
        List<Binding> bindings = sync.bindings(cvd.id());
        List<EndpointStatus> statuses = bindings.stream().flatMap(b -> sync.status(b.endpointId()).stream()).toList();
        return ApiResult.ok(new CvdDetail(cvd, sync.master(cvd.id()), bindings, statuses));
    }

    private ApiResult head(ApiRequest request) throws InterruptedException {
        CvdStore store = services.store();
        Cvd cvd = Access.cvd(request, store);
        long after = Params.number(request, "after", -1, -1, Long.MAX_VALUE);
        long waitSeconds = Math.min(Params.number(request, "waitSeconds", 0, 0, Long.MAX_VALUE), services.maxWaitSeconds());
        long head = services.heads().awaitAbove(after, waitSeconds * 1000,
                () -> store.find(cvd.id()).map(Cvd::head).orElse(0L));
        return ApiResult.ok(new Head(head));
    }

    private ApiResult versions(ApiRequest request) throws LayerException {
        CvdStore store = services.store();
        Cvd cvd = Access.cvd(request, store);
        return ApiResult.ok(store.versions(cvd.id()).stream().sorted(Comparator.comparingLong(CvdVersion::number)).toList());
    }

    private ApiResult version(ApiRequest request) throws LayerException {
        CvdStore store = services.store();
        Cvd cvd = Access.cvd(request, store);
        return ApiResult.ok(existing(store, cvd, Params.pathNumber(request, "n")));
    }

    private ApiResult manifest(ApiRequest request) throws LayerException {
        CvdStore store = services.store();
        Cvd cvd = Access.cvd(request, store);
        long n = existing(store, cvd, Params.pathNumber(request, "n")).number();
        return ApiResult.ok(store.manifest(cvd.id(), n, layer(request.pathParam("layer"))));
    }

    private ApiResult diff(ApiRequest request) throws LayerException {
        CvdStore store = services.store();
        Cvd cvd = Access.cvd(request, store);
        long from = Params.requiredNumber(request, "from", 0);
        long to = Params.requiredNumber(request, "to", 1);
        if (from != 0) {
            existing(store, cvd, from);
        }
        existing(store, cvd, to);
        return ApiResult.ok(VersionDiff.between(store, cvd.id(), from, to));
    }

    private ApiResult publish(ApiRequest request) throws LayerException {
        CvdStore store = services.store();
        SyncService sync = services.sync();
        Cvd cvd = Access.cvd(request, store);
        PublishRequest body = Bodies.read(request, PublishRequest.class);
        if (body.kind() == null || body.kind() == CvdVersion.Kind.RESTORE) {
            throw ApiException.badRequest("an endpoint publishes UPLOAD or SNAPSHOT versions; restores are made on the server");
        }
        Binding binding = Access.endpointOf(sync, cvd, body.endpointId());
        PublishGate.check(binding, sync.master(cvd.id()), body);
        CvdVersion version = store.publish(cvd.id(), body);
        services.heads().changed();
        return ApiResult.created(version).header("Location", "/api" + CVD.replace("{cvd}", cvd.id()) + "/versions/"
                + version.number());
    }

    private ApiResult restore(ApiRequest request) throws LayerException {
        CvdStore store = services.store();
        Cvd cvd = Access.cvd(request, store);
        long n = existing(store, cvd, Params.pathNumber(request, "n")).number();
        String note = optionalNote(request);
        CvdVersion version = store.restore(cvd.id(), n, note.isBlank() ? "restore of version " + n + " by " + request.actor() : note);
        services.heads().changed();
        return ApiResult.created(version).header("Location", "/api" + CVD.replace("{cvd}", cvd.id()) + "/versions/"
                + version.number());
    }

    /** The restore body is optional: none, an empty one or {note}. */
    private static String optionalNote(ApiRequest request) {
        try (var in = request.body()) {
            byte[] bytes = in.readNBytes(64 * 1024);
            if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
                return "";
            }
            Restore body = Bodies.JSON.readValue(bytes, Restore.class);
            return body == null || body.note() == null ? "" : body.note();
        } catch (java.io.IOException e) {
            throw ApiException.badRequest("the body is not valid JSON {note}: " + e.getMessage());
        }
    }

    private static CvdVersion existing(CvdStore store, Cvd cvd, long n) throws LayerException {
        return store.versions(cvd.id()).stream().filter(v -> v.number() == n).findFirst()
                .orElseThrow(() -> ApiException.notFound("CVD " + cvd.id() + " has no version " + n));
    }

    private static Layer layer(String name) {
        try {
            return Layer.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("no layer " + name + "; layers are " + List.of(Layer.values()));
        }
    }
}
