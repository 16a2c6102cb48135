package org.deskplane.modules.rest.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.deskplane.modules.api.ModuleHost;
import org.deskplane.modules.api.ModuleInfo;
import org.deskplane.modules.api.ModuleException;
import org.deskplane.modules.api.Requester;
import org.deskplane.modules.rest.internal.ModuleDtos.Module;
import org.deskplane.modules.rest.internal.ModuleDtos.Request;
import org.deskplane.modules.rest.internal.ModuleDtos.Setting;
import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiRequest;
import org.deskplane.rest.api.ApiResult;
import org.deskplane.rest.api.Route;
import org.deskplane.security.api.Role;

/** The module store: list, upload, load, unload, replace, delete, clear quarantine; and the request history. */
final class ModuleRoutes {

    private final ModuleServices services;

    ModuleRoutes(ModuleServices services) {
        this.services = services;
    }

    List<Route> routes() {
        return List.of(
                Route.get("/modules", Role.OPERATOR, "The modules in the host's store with state, signer and size",
                        request -> ApiResult.ok(services.host().modules().stream().map(Module::of).toList())),
                Route.get("/modules/{name}/{version}", Role.OPERATOR, "One stored module", this::module),
                Route.post("/modules", Role.ADMIN, "Upload a signed module jar (body application/java-archive; "
                        + "optional X-Content-SHA256 hex + Content-Length to stream without staging; ?load=true to "
                        + "load it too) → 201 module; signature problems are 422 with the status as title",
                        this::upload),
                Route.post("/modules/{name}/{version}/load", Role.ADMIN,
                        "Load (install into the module region and start) a stored module → the request", this::load),
                Route.post("/modules/{name}/{version}/unload", Role.ADMIN,
                        "Stop and uninstall a loaded module; it stays stored → the request", this::unload),
                Route.post("/modules/{name}/replace", Role.ADMIN, "Replace the loaded version of a module by the "
                        + "stored ?version= (registrations move to it) → the request", this::replace),
                Route.delete("/modules/{name}/{version}", Role.ADMIN,
                        "Delete a stored module that is neither loaded nor registered", this::delete),
                Route.post("/modules/{name}/{version}/clear-quarantine", Role.ADMIN,
                        "Let a quarantined module be loaded again → the module", this::clearQuarantine),
                Route.get("/modules/requests", Role.ADMIN, "The module request history, newest first "
                        + "(?vm=<vm id>&limit=, default 100, at most 1000); denied requests included", this::requests),
                Route.get("/modules/configuration-whitelist", Role.ADMIN,
                        "The configuration settings guests may change (pid/key with a description)",
                        this::whitelist));
    }

    private ApiResult module(ApiRequest request) {
        String name = request.pathParam("name");
        String version = request.pathParam("version");
        return ApiResult.ok(Module.of(find(services.host(), name, version)));
    }

    private ApiResult upload(ApiRequest request) throws IOException {
        boolean load = request.query("load").map(v -> v.strip().equalsIgnoreCase("true")).orElse(false);
        ModuleHost host = services.host();
        Requester admin = Callers.admin(request);
        ModuleInfo stored = JarUpload.upload(host, admin, request);
        if (load) {
            try {
                ModuleProblems.requireOk(host.load(admin, stored.symbolicName(), stored.version()));
            } catch (ModuleException e) {
                throw storedButNotLoaded(stored, ModuleProblems.of(e));
            } catch (ApiException e) {
                throw storedButNotLoaded(stored, e);
            }
            stored = current(host, stored);
        }
        return ApiResult.created(Module.of(stored)).header("Location", "/api/modules/" + stored.id());
    }

    /** The upload itself succeeded: say so, so that the caller does not upload again. */
    private static ApiException storedButNotLoaded(ModuleInfo stored, ApiException problem) {
        return new ApiException(problem.status(), problem.title(),
                stored.id() + " was stored, but loading it failed: " + problem.detail(), problem);
    }

    private ApiResult load(ApiRequest request) {
        return ApiResult.ok(Request.of(ModuleProblems.requireOk(services.host().load(Callers.admin(request),
                request.pathParam("name"), request.pathParam("version")))));
    }

    private ApiResult unload(ApiRequest request) {
        return ApiResult.ok(Request.of(ModuleProblems.requireOk(services.host().unload(Callers.admin(request),
                request.pathParam("name"), request.pathParam("version")))));
    }

    private ApiResult replace(ApiRequest request) {
        String version = Callers.required("version", request.query("version").orElse(null));
        return ApiResult.ok(Request.of(ModuleProblems.requireOk(services.host().replace(Callers.admin(request),
                request.pathParam("name"), version))));
    }

    private ApiResult delete(ApiRequest request) {
        services.host().delete(Callers.admin(request), request.pathParam("name"), request.pathParam("version"));
        return ApiResult.noContent();
    }

    private ApiResult clearQuarantine(ApiRequest request) {
        ModuleHost host = services.host();
        String name = request.pathParam("name");
        String version = request.pathParam("version");
        host.clearQuarantine(Callers.admin(request), name, version);
        return ApiResult.ok(Module.of(find(host, name, version)));
    }

    private ApiResult requests(ApiRequest request) {
        int limit = Callers.limit(request);
        String vm = request.query("vm").map(String::strip).filter(v -> !v.isEmpty()).orElse(null);
        return ApiResult.ok(services.host().requests(vm, limit).stream().map(Request::of).toList());
    }

    private ApiResult whitelist(ApiRequest request) {
        Map<String, String> sorted = new TreeMap<>(services.host().configurationWhitelist());
        return ApiResult.ok(sorted.entrySet().stream().map(e -> new Setting(e.getKey(), e.getValue())).toList());
    }

    private static ModuleInfo find(ModuleHost host, String name, String version) {
        return host.modules().stream().filter(m -> m.symbolicName().equals(name) && m.version().equals(version))
                .findFirst().orElseThrow(() -> new ApiException(404, "NOT_FOUND",
                        "no module " + name + "/" + version + " in the store"));
    }

    /** The module as the host has it now (state changed by a load), or what was known if it vanished meanwhile. */
    private static ModuleInfo current(ModuleHost host, ModuleInfo known) {
        return host.modules().stream().filter(m -> m.id().equals(known.id())).findFirst().orElse(known);
    }
}
