package org.deskplane.modules.rest.internal;

import java.util.List;

import org.deskplane.modules.api.ModuleHost;
import org.deskplane.modules.api.ModuleRequest;
import org.deskplane.modules.rest.internal.ModuleDtos.NewRegistration;
import org.deskplane.modules.rest.internal.ModuleDtos.RegistrationDto;
import org.deskplane.modules.rest.internal.ModuleDtos.Request;
import org.deskplane.rest.api.ApiRequest;
import org.deskplane.rest.api.ApiResult;
import org.deskplane.rest.api.Route;
import org.deskplane.security.api.Role;

/** Which modules are loaded before a VM image's VMs start. */
final class RegistrationRoutes {

    private final ModuleServices services;

    RegistrationRoutes(ModuleServices services) {
        this.services = services;
    }

    List<Route> routes() {
        return List.of(
                Route.get("/modules/registrations", Role.ADMIN,
                        "Module registrations of one VM image (?image=), or of all images", this::list),
                Route.post("/modules/registrations", Role.ADMIN, "Register a stored module for a VM image "
                        + "{image, name, version} → 201 registration", this::register),
                Route.delete("/modules/registrations/{image}/{name}/{version}", Role.ADMIN,
                        "Remove a module's registration from a VM image", this::unregister));
    }

    private ApiResult list(ApiRequest request) {
        String image = request.query("image").map(String::strip).filter(i -> !i.isEmpty()).orElse(null);
        return ApiResult.ok(services.host().registrations(image).stream().map(RegistrationDto::of).toList());
    }

    private ApiResult register(ApiRequest request) {
        ModuleHost host = services.host();
        NewRegistration body = request.bodyAs(NewRegistration.class);
        String image = Callers.required("image", body.image());
        String name = Callers.required("name", body.name());
        String version = Callers.required("version", body.version());
        ModuleRequest done = ModuleProblems.requireOk(
                host.register(Callers.adminForImage(request, image), name, version));
        RegistrationDto registration = host.registrations(image).stream()
                .filter(r -> r.symbolicName().equals(name) && r.version().equals(version)).findFirst()
                .map(RegistrationDto::of)
                .orElse(new RegistrationDto(image, name, version, request.actor(), done.time()));
        return ApiResult.created(registration);
    }

    private ApiResult unregister(ApiRequest request) {
        return ApiResult.ok(Request.of(ModuleProblems.requireOk(services.host().unregister(
                Callers.adminForImage(request, request.pathParam("image")), request.pathParam("name"),
                request.pathParam("version")))));
    }
}
