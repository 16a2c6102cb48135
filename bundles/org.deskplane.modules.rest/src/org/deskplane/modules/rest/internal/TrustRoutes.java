package org.deskplane.modules.rest.internal;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

import org.deskplane.modules.api.ModuleTrust;
import org.deskplane.modules.rest.internal.ModuleDtos.Certificate;
import org.deskplane.modules.rest.internal.ModuleDtos.NewCertificate;
import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiRequest;
import org.deskplane.rest.api.ApiResult;
import org.deskplane.rest.api.Route;
import org.deskplane.security.api.Role;

/** The module trust store: the certificates a module's signer must chain to. */
final class TrustRoutes {

    /** A certificate in PEM is a few KiB; anything far larger is not one. */
    static final int MAX_PEM_CHARS = 64 * 1024;

    private final ModuleServices services;

    TrustRoutes(ModuleServices services) {
        this.services = services;
    }

    List<Route> routes() {
        return List.of(
                Route.get("/modules/trust", Role.ADMIN, "The trusted module signing certificates", this::list),
                Route.post("/modules/trust", Role.ADMIN, "Trust a certificate {alias, pem} (replaces one of the "
                        + "same alias) → 201 certificate; not a certificate → 400", this::add),
                Route.delete("/modules/trust/{alias}", Role.ADMIN, "Stop trusting a certificate", this::remove));
    }

    private ApiResult list(ApiRequest request) {
        return ApiResult.ok(services.trust().trusted().stream().map(Certificate::of)
                .sorted(Comparator.comparing(Certificate::alias)).toList());
    }

    private ApiResult add(ApiRequest request) {
        ModuleTrust trust = services.trust();
        NewCertificate body = request.bodyAs(NewCertificate.class);
        String alias = Callers.required("alias", body.alias());
        String pem = Callers.required("pem", body.pem());
        if (pem.length() > MAX_PEM_CHARS) {
            throw ApiException.badRequest("pem is longer than " + MAX_PEM_CHARS + " characters: not one certificate");
        }
        return ApiResult.created(Certificate.of(trust.add(alias, pem.getBytes(StandardCharsets.US_ASCII))));
    }

    private ApiResult remove(ApiRequest request) {
        String alias = request.pathParam("alias");
        if (!services.trust().remove(alias)) {
            throw new ApiException(404, "NOT_FOUND", "no trusted certificate '" + alias + "'");
        }
        return ApiResult.noContent();
    }
}
