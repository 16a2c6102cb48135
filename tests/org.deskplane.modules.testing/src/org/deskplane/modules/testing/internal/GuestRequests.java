package org.deskplane.modules.testing.internal;

import java.util.List;
import java.util.Map;

import org.deskplane.modules.api.ModuleException;
import org.deskplane.modules.api.ModuleHost;
import org.deskplane.modules.api.Requester;
import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiResult;
import org.deskplane.rest.api.Route;
import org.deskplane.security.api.Role;

/**
 * Test only: lets a UI test make a guest's request (as the channel would, with a VM's requester) to the in-memory
 * host in a running server, so that denied guest requests reach the history without a VM; and make the next load
 * fail (a hung activation quarantines) so that quarantine can be shown and cleared.
 */
final class GuestRequests implements org.deskplane.rest.api.ApiResource {

    private final ModuleHost host;

    GuestRequests(ModuleHost host) {
        this.host = host;
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.post("/testing/modules/guest-load", Role.ADMIN,
                "TEST FIXTURE: load ?name=&version= as the guest ?vm=&image=&user= → the outcome", request -> {
                    Requester guest = Requester.guest(param(request, "vm"), param(request, "image"),
                            param(request, "user"));
                    try {
                        host.load(guest, param(request, "name"), param(request, "version"));
                        return ApiResult.ok(Map.of("status", "OK"));
                    } catch (ModuleException e) {
                        return ApiResult.ok(Map.of("status", e.status().name(), "message", e.getMessage()));
                    }
                }),
                Route.post("/testing/modules/fail-next-load", Role.ADMIN,
                        "TEST FIXTURE: the in-memory host's next load fails with ?status= (a ModuleStatus) and ?message=",
                        request -> {
                            if (!(host instanceof org.deskplane.modules.testing.InMemoryModuleHost inMemory)) {
                                throw new ApiException(409, "Not the test host", "the module host is a real one");
                            }
                            inMemory.failNextLoad(org.deskplane.modules.api.ModuleStatus.valueOf(
                                    param(request, "status")), request.query("message").orElse("test failure"));
                            return ApiResult.noContent();
                        }));
    }

    private static String param(org.deskplane.rest.api.ApiRequest request, String name) {
        return request.query(name).orElseThrow(() -> ApiException.badRequest(name + " is required"));
    }
}
