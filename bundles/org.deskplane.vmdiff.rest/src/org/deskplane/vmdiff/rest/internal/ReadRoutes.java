package org.deskplane.vmdiff.rest.internal;

import java.util.List;

import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiRequest;
import org.deskplane.rest.api.ApiResult;
import org.deskplane.rest.api.Route;
import org.deskplane.security.api.Role;
import org.deskplane.vmdiff.api.Generation;
import org.deskplane.vmdiff.api.VmHost;
import org.deskplane.vmdiff.rest.internal.VmdiffDtos.Base;
import org.deskplane.vmdiff.rest.internal.VmdiffDtos.GenerationDto;
import org.deskplane.vmdiff.rest.internal.VmdiffDtos.HostDto;

/** Base images, VMs with their copies, a VM's generations, hosts. */
final class ReadRoutes {

    static final String BASE = "/vmdiff";

    private final VmdiffServices services;

    ReadRoutes(VmdiffServices services) {
        this.services = services;
    }

    List<Route> routes() {
        return List.of(
                Route.get(BASE + "/bases", Role.OPERATOR, "The base images of the server's copy → [{sha256, format, size}]",
                        Guarded.read(this::bases)),
                Route.get(BASE + "/vms", Role.OPERATOR, "Every VM the server copy or a host knows → [{vm, server: newest "
                        + "generation or null, lease: {holder, token} or null, copies: [{host, generation, contentHash, "
                        + "relation SAME|BEHIND|AHEAD|DIVERGED|MISSING, diverged, running, activity}], diverged, runningOn}]",
                        Guarded.read(this::vms)),
                Route.get(BASE + "/vms/{vm}", Role.OPERATOR, "One VM as in the list (404 when nobody knows it)",
                        Guarded.read(this::vm)),
                Route.get(BASE + "/vms/{vm}/generations", Role.OPERATOR, "The VM's generations on the server, oldest "
                        + "first → [{number, parent, parentHash, published, by, memorySize, suspended, clusters, "
                        + "contentHash, baseSha256}]", Guarded.read(this::generations)),
                Route.get(BASE + "/hosts", Role.OPERATOR, "The hosts connected now → [{host, running: [vm]}]",
                        Guarded.read(this::hosts)));
    }

    private ApiResult bases(ApiRequest request) throws java.io.IOException {
        return ApiResult.ok(services.server().bases().stream().map(Base::of).toList());
    }

    private ApiResult vms(ApiRequest request) throws java.io.IOException {
        return ApiResult.ok(new VmOverview(services.optionalServer(), services.hosts()).all());
    }

    private ApiResult vm(ApiRequest request) throws java.io.IOException {
        String vm = VmNames.vm(request);
        VmdiffDtos.VmDto dto = new VmOverview(services.optionalServer(), services.hosts()).of(vm);
        if (dto.server() == null && dto.copies().isEmpty() && dto.lease() == null) {
            throw ApiException.notFound("neither the server nor a connected host knows a VM '" + vm + "'");
        }
        return ApiResult.ok(dto);
    }

    private ApiResult generations(ApiRequest request) throws java.io.IOException {
        String vm = VmNames.vm(request);
        List<Generation> all = Copies.generations(services.server().copy(), vm);
        if (all.isEmpty()) {
            throw ApiException.notFound("the server holds no generation of '" + vm + "'");
        }
        return ApiResult.ok(all.stream().map(GenerationDto::of).toList());
    }

    private ApiResult hosts(ApiRequest request) {
        return ApiResult.ok(services.hosts().stream()
                .map(h -> new HostDto(h.hostId(), h.running().stream().sorted().toList())).toList());
    }

    static String hostIds(List<VmHost> hosts) {
        return hosts.isEmpty() ? "none" : String.join(", ", hosts.stream().map(VmHost::hostId).toList());
    }
}
