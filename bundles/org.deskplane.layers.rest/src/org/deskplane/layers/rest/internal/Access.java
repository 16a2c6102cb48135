package org.deskplane.layers.rest.internal;

import org.deskplane.layers.api.Binding;
import org.deskplane.layers.api.Cvd;
import org.deskplane.layers.api.CvdStore;
import org.deskplane.layers.api.SyncService;
import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiRequest;
import org.deskplane.security.api.Role;

/**
 * Who may touch what: a USER only the CVDs they own and the endpoints bound to them; an OPERATOR (and ADMIN) every
 * CVD, since endpoints may sign in with an operator account. The route's minimum role is checked by the dispatcher.
 */
final class Access {

    private Access() {
    }

    static boolean seesEverything(ApiRequest request) {
        return request.session().map(s -> s.role().includes(Role.OPERATOR)).orElse(false);
    }

    static boolean mayUse(ApiRequest request, Cvd cvd) {
        return seesEverything(request) || cvd.owner().equals(request.actor());
    }

    /** The CVD named by the path parameter {@code cvd}, if the caller may use it (404 when none, 403 when not theirs). */
    static Cvd cvd(ApiRequest request, CvdStore store) {
        return cvd(request, store, request.pathParam("cvd"));
    }

    static Cvd cvd(ApiRequest request, CvdStore store, String cvdId) {
        Cvd cvd = store.find(cvdId).orElseThrow(() -> ApiException.notFound("no CVD " + cvdId));
        if (!mayUse(request, cvd)) {
            throw new ApiException(403, "Forbidden", "CVD " + cvdId + " belongs to another user");
        }
        return cvd;
    }

    /** The binding of an endpoint whose CVD the caller may use. */
    static Binding endpoint(ApiRequest request, CvdStore store, SyncService sync, String endpointId) {
        Binding binding = sync.binding(endpointId).orElseThrow(() -> ApiException.notFound("no endpoint " + endpointId));
        cvd(request, store, binding.cvdId());
        return binding;
    }

    /** The endpoint named in a body must be bound to the CVD of the path. */
    static Binding endpointOf(SyncService sync, Cvd cvd, String endpointId) {
        if (endpointId == null || endpointId.isBlank()) {
            throw ApiException.badRequest("the body needs an endpointId");
        }
        Binding binding = sync.binding(endpointId).orElseThrow(() -> ApiException.notFound("no endpoint " + endpointId));
        if (!binding.cvdId().equals(cvd.id())) {
            throw new ApiException(403, "Forbidden", "endpoint " + endpointId + " is not bound to CVD " + cvd.id());
        }
        return binding;
    }
}
