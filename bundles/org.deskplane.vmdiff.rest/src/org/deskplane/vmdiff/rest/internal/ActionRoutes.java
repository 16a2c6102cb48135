package org.deskplane.vmdiff.rest.internal;

import java.util.List;
import java.util.Optional;

import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiRequest;
import org.deskplane.rest.api.ApiResult;
import org.deskplane.rest.api.Route;
import org.deskplane.security.api.AuditEvent;
import org.deskplane.security.api.Role;
import org.deskplane.vmdiff.api.DifferenceServer;
import org.deskplane.vmdiff.api.Generation;
import org.deskplane.vmdiff.api.RunLease;
import org.deskplane.vmdiff.api.VmHost;
import org.deskplane.vmdiff.rest.internal.VmdiffDtos.OperationDto;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Suspend, shut down, release (on the host running or holding the VM), resume and move (to a named host): each
 * answers 202 with the operation it started, which {@code GET /vmdiff/operations/{id}} then shows with the host's
 * phase and progress. Which host acts is decided here, so a request that names no usable host fails at once.
 */
final class ActionRoutes {

    static final String VM = ReadRoutes.BASE + "/vms/{vm}";
    static final String OPERATIONS = ReadRoutes.BASE + "/operations";

    private final VmdiffServices services;

    ActionRoutes(VmdiffServices services) {
        this.services = services;
    }

    List<Route> routes() {
        return List.of(
                action("suspend", "Suspend the VM on the host it runs on (memory saved, a new generation pushed to "
                        + "the server; that host keeps the lease)", this::runningHost,
                        (host, vm) -> done("suspended as generation", host.suspend(vm))),
                action("shutdown", "Shut the VM down on the host it runs on (as a user would; its disk becomes the next "
                        + "generation, without memory)", this::runningHost,
                        (host, vm) -> done("shut down as generation", host.shutdown(vm, services.shutdownTimeout()))),
                action("release", "Let the VM go on the host holding its lease (suspended first if it runs there, the "
                        + "newest generation pushed, the lease given back)", this::holdingHost, (host, vm) -> {
                            host.release(vm);
                            return "released by " + host.hostId();
                        }),
                action("resume", "Resume the VM on {host} from the newest verified copy (taking the lease; refused "
                        + "while another host holds it)", this::namedHost, (host, vm) -> {
                            host.resume(vm);
                            return "runs on " + host.hostId();
                        }),
                action("move", "Move the VM to {host}: the holder suspends it, pushes it and lets go, then it resumes "
                        + "there", this::namedHost, (host, vm) -> {
                            host.moveHere(vm);
                            return "moved to " + host.hostId() + " and runs there";
                        }),
                Route.get(OPERATIONS, Role.OPERATOR, "The operations, newest first (?vm= for one VM) → [{id, vm, action, "
                        + "host, actor, state RUNNING|SUCCEEDED|FAILED, message, kind, phase, fraction, started, ended}]",
                        Guarded.read(this::operations)),
                Route.get(OPERATIONS + "/{id}", Role.OPERATOR, "One operation (404 when unknown or long gone)",
                        Guarded.read(this::operation)));
    }

    /** Which host acts on the VM (or a problem saying why none can). */
    @FunctionalInterface
    private interface HostChoice {
        VmHost choose(ApiRequest request, String vm);
    }

    @FunctionalInterface
    private interface HostWork {
        String run(VmHost host, String vm) throws org.deskplane.vmdiff.api.DifferenceException;
    }

    private Route action(String verb, String summary, HostChoice choice, HostWork work) {
        String auditAction = "vmdiff.vm." + verb;
        return Route.post(VM + "/" + verb, Role.OPERATOR, summary + " → 202 the operation (Location: /api/vmdiff/operations/{id}); 409 while another operation "
                + "of the VM runs", Guarded.audited(services, auditAction, request -> {
                    String vm = VmNames.vm(request);
                    VmHost host = choice.choose(request, vm);
                    Operation started = services.operations().submit(vm, verb, host, request.actor(),
                            () -> work.run(host, vm), ended -> services.audit(AuditEvent.now(ended.actor(),
                                    auditAction + ".done", vm + "@" + ended.hostId(),
                                    ended.state() == Operation.State.SUCCEEDED ? AuditEvent.Result.SUCCESS
                                            : AuditEvent.Result.FAILURE,
                                    "operation " + ended.id() + ": " + ended.message(), request.remoteAddress())));
                    OperationDto dto = started.snapshot();
                    return ApiResult.accepted(dto).header("Location", "/api" + OPERATIONS + "/" + dto.id());
                }));
    }

    private static String done(String what, Generation generation) {
        return what + " " + generation.number();
    }

    private VmHost runningHost(ApiRequest request, String vm) {
        List<VmHost> hosts = services.hosts();
        return hosts.stream().filter(h -> h.running().contains(vm)).findFirst()
                .orElseThrow(() -> new ApiException(409, "INVALID", vm + " runs on no connected host (connected: "
                        + ReadRoutes.hostIds(hosts) + ")"));
    }

    /** The host holding the lease; without a lease (or without a server), the host running the VM. */
    private VmHost holdingHost(ApiRequest request, String vm) {
        Optional<String> holder = services.optionalServer().map(DifferenceServer::leases)
                .flatMap(l -> l.current(vm)).map(RunLease::holder);
        if (holder.isPresent()) {
            return services.host(holder.get()).orElseThrow(() -> new ApiException(503, "UNREACHABLE", vm
                    + " is held by " + holder.get() + ", which is not connected now; retry when it is back"));
        }
        List<VmHost> hosts = services.hosts();
        return hosts.stream().filter(h -> h.running().contains(vm)).findFirst()
                .orElseThrow(() -> new ApiException(409, "INVALID", "nobody holds the lease of " + vm
                        + " and it runs on no connected host: there is nothing to release"));
    }

    /** The host named in the body {host}. */
    private VmHost namedHost(ApiRequest request, String vm) {
        JsonNode body = request.bodyAs(JsonNode.class);
        String id = body == null || body.path("host").asText("").isBlank() ? null : body.path("host").asText().strip();
        if (id == null) {
            throw ApiException.badRequest("say where: {\"host\": \"<host id>\"}");
        }
        return services.host(id).orElseThrow(() -> ApiException.notFound("no host '" + id + "' is connected (connected: "
                + ReadRoutes.hostIds(services.hosts()) + ")"));
    }

    private ApiResult operations(ApiRequest request) {
        Optional<String> vm = request.query("vm").map(String::strip).filter(v -> !v.isEmpty());
        return ApiResult.ok(services.operations().list().stream().filter(o -> vm.isEmpty() || o.vm().equals(vm.get()))
                .map(Operation::snapshot).toList());
    }

    private ApiResult operation(ApiRequest request) {
        String id = request.pathParam("id");
        return ApiResult.ok(services.operations().find(id).map(Operation::snapshot)
                .orElseThrow(() -> ApiException.notFound("no operation '" + id + "' (only the newest are kept)")));
    }
}
