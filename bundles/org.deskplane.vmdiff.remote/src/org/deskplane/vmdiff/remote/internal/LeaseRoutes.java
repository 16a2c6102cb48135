package org.deskplane.vmdiff.remote.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiRequest;
import org.deskplane.rest.api.ApiResult;
import org.deskplane.rest.api.Route;
import org.deskplane.security.api.Role;
import org.deskplane.vmdiff.api.DifferenceException;
import org.deskplane.vmdiff.api.DifferenceException.Kind;
import org.deskplane.vmdiff.api.RunLease;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The run leases: acquire (409 LEASE_HELD naming the holder), release with the token, and who holds one now. */
final class LeaseRoutes {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int SMALL_BODY = 64 * 1024;
    private final WireServices services;

    LeaseRoutes(WireServices services) {
        this.services = services;
    }

    List<Route> routes() {
        String lease = WireResource.BASE + "/leases/{vm}";
        return List.of(
                Route.get(lease, Role.OPERATOR, "The VM's current lease {vm, holder, token} (404 NOT_FOUND when free)", Guard.of(this::current)),
                Route.post(lease + "/acquire", Role.OPERATOR, "{holder} → the lease with a new token; 409 LEASE_HELD when another holds it",
                        Guard.of(this::acquire)),
                Route.post(lease + "/release", Role.OPERATOR, "{holder, token} → 204; 409 LEASE_HELD when the token is stale",
                        Guard.of(this::release)),
                Route.post(lease + "/release-request", Role.OPERATOR, "{requester} → 204: asks the holder to suspend, push and let go",
                        Guard.of(this::requestRelease)),
                Route.get(lease + "/release-request", Role.OPERATOR, "{requester} of a pending release request (404 when none)",
                        Guard.of(this::releaseRequest)));
    }

    private ApiResult current(ApiRequest request) throws DifferenceException {
        String vm = Params.vm(request);
        RunLease lease = services.server().leases().current(vm)
                .orElseThrow(() -> new DifferenceException(Kind.NOT_FOUND, "nobody holds the lease of " + vm));
        return ApiResult.ok(WireFormat.lease(lease));
    }

    private ApiResult acquire(ApiRequest request) throws DifferenceException {
        String vm = Params.vm(request);
        String holder = WireFormat.text(small(request), "holder");
        return ApiResult.ok(WireFormat.lease(services.server().leases().acquire(vm, holder)));
    }

    private ApiResult release(ApiRequest request) throws DifferenceException {
        String vm = Params.vm(request);
        JsonNode body = small(request);
        services.server().leases().release(new RunLease(vm, WireFormat.text(body, "holder"), WireFormat.number(body, "token")));
        return ApiResult.noContent();
    }

    private ApiResult requestRelease(ApiRequest request) throws DifferenceException {
        services.server().leases().requestRelease(Params.vm(request), WireFormat.text(small(request), "requester"));
        return ApiResult.noContent();
    }

    private ApiResult releaseRequest(ApiRequest request) throws DifferenceException {
        String vm = Params.vm(request);
        String requester = services.server().leases().releaseRequest(vm)
                .orElseThrow(() -> new DifferenceException(Kind.NOT_FOUND, "nobody asked the holder of " + vm + " to let go"));
        return ApiResult.ok(java.util.Map.of("vm", vm, "requester", requester));
    }

    /** A small JSON body, read with a bound. */
    static JsonNode small(ApiRequest request) {
        try (InputStream in = request.body()) {
            byte[] bytes = in.readNBytes(SMALL_BODY + 1);
            if (bytes.length > SMALL_BODY) {
                throw new ApiException(413, "Request body too large", "this route takes at most " + SMALL_BODY + " bytes of JSON");
            }
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw ApiException.badRequest("the request needs a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw ApiException.badRequest("the body is not valid JSON: " + e.getMessage());
        }
    }
}
