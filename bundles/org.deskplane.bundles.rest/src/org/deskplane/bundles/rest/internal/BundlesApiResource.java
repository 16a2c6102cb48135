package org.deskplane.bundles.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;

import org.deskplane.bundles.api.BundleInfo;
import org.deskplane.bundles.api.BundleManager;
import org.deskplane.bundles.api.BundleOperationException;
import org.deskplane.bundles.api.FeatureInfo;
import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiRequest;
import org.deskplane.rest.api.ApiResource;
import org.deskplane.rest.api.ApiResult;
import org.deskplane.rest.api.Route;
import org.deskplane.security.api.AuditLog;
import org.deskplane.security.api.Role;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** The {@code bundles} group of routes: runtime bundle and feature management. */
@Component(service = ApiResource.class, property = ApiResource.NAME_PROPERTY + "=bundles")
public class BundlesApiResource implements ApiResource {

    /** A step of a route that may fail with a {@link BundleOperationException}. */
    @FunctionalInterface
    private interface Operation<T> {
        T run() throws IOException;
    }

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile BundleManager manager;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditLog auditLog;

    private final Auditor auditor = new Auditor(() -> auditLog);

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/bundles", Role.OPERATOR, "List the framework's bundles", r -> ApiResult.ok(call(() -> manager.bundles()))),
                Route.get("/bundles/{id}", Role.OPERATOR, "One bundle", this::getBundle),
                Route.post("/bundles", Role.ADMIN, "Install a bundle jar (body); ?start=true starts it", this::install),
                Route.post("/bundles/{id}/start", Role.ADMIN, "Start a bundle", r -> bundleOperation(r, "bundle.start", id -> manager.start(id))),
                Route.post("/bundles/{id}/stop", Role.ADMIN, "Stop a bundle", r -> bundleOperation(r, "bundle.stop", id -> manager.stop(id))),
                Route.post("/bundles/{id}/update", Role.ADMIN, "Update a bundle from the body's jar or its location", this::update),
                Route.delete("/bundles/{id}", Role.ADMIN, "Uninstall a bundle", this::uninstall),
                Route.get("/features", Role.OPERATOR, "List features (product and installed)", r -> ApiResult.ok(call(() -> manager.features()))),
                Route.post("/features", Role.ADMIN, "Install a feature from a p2 repository", this::installFeature),
                Route.delete("/features/{id}", Role.ADMIN, "Uninstall a feature installed at runtime", this::uninstallFeature));
    }

    private ApiResult getBundle(ApiRequest request) {
        long id = bundleId(request);
        return ApiResult.ok(call(() -> manager.bundle(id))
                .orElseThrow(() -> ApiException.notFound("no bundle with id " + id)));
    }

    private ApiResult install(ApiRequest request) {
        boolean start = request.query("start").map(Boolean::parseBoolean).orElse(false);
        return audited(request, "bundle.install", "", () -> {
            try (InputStream body = request.body()) {
                BundleInfo installed = manager.install(body, start);
                return ApiResult.created(installed).header("Location", "/api/bundles/" + installed.id());
            }
        }, result -> label((BundleInfo) result.json()));
    }

    private ApiResult update(ApiRequest request) {
        long id = bundleId(request);
        return audited(request, "bundle.update", target(id), () -> {
            try (InputStream body = nonEmpty(request.body())) {
                return ApiResult.ok(manager.update(id, body));
            }
        }, result -> label((BundleInfo) result.json()));
    }

    private ApiResult uninstall(ApiRequest request) {
        long id = bundleId(request);
        String target = target(id);
        return audited(request, "bundle.uninstall", target, () -> {
            manager.uninstall(id);
            return ApiResult.noContent();
        }, result -> target);
    }

    private interface BundleCall {
        BundleInfo apply(long id);
    }

    private ApiResult bundleOperation(ApiRequest request, String action, BundleCall call) {
        long id = bundleId(request);
        return audited(request, action, target(id), () -> ApiResult.ok(call.apply(id)),
                result -> label((BundleInfo) result.json()));
    }

    private ApiResult installFeature(ApiRequest request) {
        Map<?, ?> body = request.bodyAs(Map.class);
        if (body == null) {
            throw ApiException.badRequest("expected a JSON body {repository, featureId, version?}");
        }
        String featureId = text(body, "featureId", true);
        String repository = text(body, "repository", true);
        String version = text(body, "version", false);
        URI uri = repositoryUri(repository);
        return audited(request, "feature.install", featureId, () -> {
            FeatureInfo feature = manager.installFeature(uri, featureId, version);
            return ApiResult.created(feature).header("Location", "/api/features/" + feature.id());
        }, result -> featureId + " " + ((FeatureInfo) result.json()).version() + " from " + repository);
    }

    private ApiResult uninstallFeature(ApiRequest request) {
        String featureId = request.pathParam("id");
        return audited(request, "feature.uninstall", featureId, () -> {
            manager.uninstallFeature(featureId);
            return ApiResult.noContent();
        }, result -> featureId);
    }

    // ---------------------------------------------------------------- plumbing

    private interface Describer {
        String describe(ApiResult result);
    }

    /** Runs a mutating operation, maps its failure to a problem and records the outcome in the audit log. */
    private ApiResult audited(ApiRequest request, String action, String target, Operation<ApiResult> operation,
            Describer describer) {
        try {
            ApiResult result = call(operation);
            String detail = describer.describe(result);
            auditor.success(request, action, target.isEmpty() ? detail : target, detail);
            return result;
        } catch (RuntimeException e) {
            auditor.failure(request, action, target, e);
            throw e;
        }
    }

    private static <T> T call(Operation<T> operation) {
        try {
            return operation.run();
        } catch (BundleOperationException e) {
            throw Problems.of(e);
        } catch (IOException e) {
            throw ApiException.badRequest("cannot read the request body: " + e.getMessage());
        }
    }

    static long bundleId(ApiRequest request) {
        String raw = request.pathParam("id");
        try {
            long id = Long.parseLong(raw);
            if (id < 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("bundle id must be a non-negative number, not '" + raw + "'");
        }
    }

    private static String target(long id) {
        return "bundle " + id;
    }

    private static String label(BundleInfo info) {
        return info.symbolicName() + " " + info.version() + " (" + info.id() + ")";
    }

    /** The body, or null when the client sent none (update then re-reads the bundle's location). */
    static InputStream nonEmpty(InputStream body) throws IOException {
        if (body == null) {
            return null;
        }
        PushbackInputStream in = new PushbackInputStream(body, 1);
        int first = in.read();
        if (first == -1) {
            in.close();
            return null;
        }
        in.unread(first);
        return in;
    }

    private static String text(Map<?, ?> body, String field, boolean required) {
        Object value = body.get(field);
        if (value == null || value.toString().isBlank()) {
            if (required) {
                throw ApiException.badRequest("'" + field + "' is required");
            }
            return null;
        }
        if (!(value instanceof String s)) {
            throw ApiException.badRequest("'" + field + "' must be a string");
        }
        return s.trim();
    }

    private static URI repositoryUri(String repository) {
        try {
            URI uri = new URI(repository);
            if (!uri.isAbsolute()) {
                throw ApiException.badRequest("'repository' must be an absolute URI, e.g. file:/srv/deskplane/repository");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw ApiException.badRequest("'repository' is not a URI: " + e.getMessage());
        }
    }
}
