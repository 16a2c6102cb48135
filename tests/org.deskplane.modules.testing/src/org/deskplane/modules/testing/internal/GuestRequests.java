package org.deskplane.modules.testing.internal;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.deskplane.modules.api.ModuleException;
import org.deskplane.modules.api.ModuleHost;
import org.deskplane.modules.api.ModuleStatus;
import org.deskplane.modules.api.Requester;
import org.deskplane.modules.testing.InMemoryModuleHost;
import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiRequest;
import org.deskplane.rest.api.ApiResource;
import org.deskplane.rest.api.ApiResult;
import org.deskplane.rest.api.Route;
import org.deskplane.security.api.Role;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Test only: lets a UI test make a guest's request (as the channel would, with a VM's requester) to whatever module
 * host the running server has — the in-memory one or the real one — so that denied guest requests reach the history
 * without a VM; and, with the in-memory host only, make the next load fail (a hung activation quarantines) so that
 * quarantine can be shown and cleared.
 */
final class GuestRequests implements ApiResource {

    private final BundleContext context;

    GuestRequests(BundleContext context) {
        this.context = context;
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.post("/testing/modules/guest-load", Role.ADMIN,
                "TEST FIXTURE: load ?name=&version= as the guest ?vm=&image=&user= → the outcome", request -> {
                    Requester guest = Requester.guest(param(request, "vm"), param(request, "image"),
                            param(request, "user"));
                    return withHost(host -> {
                        try {
                            host.load(guest, param(request, "name"), param(request, "version"));
                            return ApiResult.ok(Map.of("status", "OK"));
                        } catch (ModuleException e) {
                            return ApiResult.ok(Map.of("status", e.status().name(), "message", e.getMessage()));
                        }
                    });
                }),
                Route.post("/testing/modules/fail-next-load", Role.ADMIN,
                        "TEST FIXTURE: the in-memory host's next load fails with ?status= (a ModuleStatus) and ?message=",
                        request -> withHost(host -> {
                            if (!(host instanceof InMemoryModuleHost inMemory)) {
                                throw new ApiException(409, "Not the test host", "the module host is a real one");
                            }
                            inMemory.failNextLoad(ModuleStatus.valueOf(param(request, "status")),
                                    request.query("message").orElse("test failure"));
                            return ApiResult.noContent();
                        })));
    }

    private ApiResult withHost(Function<ModuleHost, ApiResult> action) {
        ServiceReference<ModuleHost> reference = context.getServiceReference(ModuleHost.class);
        ModuleHost host = reference == null ? null : context.getService(reference);
        if (host == null) {
            throw new ApiException(503, "No module host", "no ModuleHost service is registered");
        }
        try {
            return action.apply(host);
        } finally {
            context.ungetService(reference);
        }
    }

    private static String param(ApiRequest request, String name) {
        return request.query(name).orElseThrow(() -> ApiException.badRequest(name + " is required"));
    }
}
