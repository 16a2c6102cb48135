package org.deskplane.hypervisor.rest.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.deskplane.hypervisor.api.ConnectionStatus;
import org.deskplane.hypervisor.api.DiskSpec;
import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.HypervisorException;
import org.deskplane.hypervisor.api.VmInfo;
import org.deskplane.hypervisor.rest.internal.HypervisorDtos.Connection;
import org.deskplane.hypervisor.rest.internal.HypervisorDtos.DefineRequest;
import org.deskplane.hypervisor.rest.internal.HypervisorDtos.DiskRequest;
import org.deskplane.hypervisor.rest.internal.HypervisorDtos.MediaRequest;
import org.deskplane.hypervisor.rest.internal.HypervisorDtos.SnapshotRequest;
import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiRequest;
import org.deskplane.rest.api.ApiResource;
import org.deskplane.rest.api.ApiResult;
import org.deskplane.rest.api.Route;
import org.deskplane.security.api.AuditEvent;
import org.deskplane.security.api.AuditLog;
import org.deskplane.security.api.Role;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** The {@code hypervisor} group of REST routes: connections, VMs and VM actions. */
@Component(service = ApiResource.class, property = ApiResource.NAME_PROPERTY + "=hypervisor")
public final class HypervisorResource implements ApiResource {

    private static final String VM = "/hypervisor/vms/{connection}/{uuid}";

    /** Dynamic and greedy: connections come and go with their configurations and providers. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<HypervisorConnection> connections;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditLog audit;

    @FunctionalInterface
    private interface VmAction {
        void run(HypervisorConnection connection, String uuid, ApiRequest request) throws HypervisorException;
    }

    private final List<Route> routes = List.of(
            Route.get("/hypervisor/connections", Role.USER, "Hypervisor connections with their state and last error",
                    request -> ApiResult.ok(connections().stream().map(HypervisorResource::connection).toList())),
            Route.get("/hypervisor/vms", Role.USER, "VMs of all connected hypervisors", request -> ApiResult.ok(allVms())),
            Route.get(VM, Role.USER, "One VM", request -> ApiResult.ok(read(request, (c, u) -> c.vm(u)))),
            Route.post("/hypervisor/connections/{connection}/vms", Role.ADMIN, "Define a VM from libvirt domain XML {xml}",
                    this::define),
            Route.delete(VM, Role.ADMIN, "Undefine a VM", request -> act(request, "vm.undefine",
                    (c, u, r) -> c.undefine(u), true)),
            action("start", "Start a VM", (c, u, r) -> c.start(u)),
            action("shutdown", "Ask the guest to shut down", (c, u, r) -> c.shutdown(u)),
            action("destroy", "Power a VM off at once", (c, u, r) -> c.destroy(u)),
            action("suspend", "Pause a VM", (c, u, r) -> c.suspend(u)),
            action("resume", "Resume a paused VM", (c, u, r) -> c.resume(u)),
            action("save", "Save a VM's memory to a managed image and stop it", (c, u, r) -> c.managedSave(u)),
            Route.get(VM + "/snapshots", Role.USER, "Snapshot names of a VM",
                    request -> ApiResult.ok(read(request, (c, u) -> c.snapshots(u)))),
            Route.post(VM + "/snapshots", Role.OPERATOR, "Create a snapshot {name, description}",
                    request -> act(request, "vm.snapshot.create", (c, u, r) -> {
                        SnapshotRequest body = r.bodyAs(SnapshotRequest.class);
                        c.snapshotCreate(u, required(body == null ? null : body.name(), "name"), body.description());
                    }, false)),
            Route.post(VM + "/snapshots/{name}/revert", Role.OPERATOR, "Revert a VM to a snapshot",
                    request -> act(request, "vm.snapshot.revert", (c, u, r) -> c.snapshotRevert(u, r.pathParam("name")),
                            false)),
            Route.delete(VM + "/snapshots/{name}", Role.OPERATOR, "Delete a snapshot",
                    request -> act(request, "vm.snapshot.delete", (c, u, r) -> c.snapshotDelete(u, r.pathParam("name")),
                            true)),
            Route.post(VM + "/media/{target}", Role.OPERATOR, "Insert media {path} into a CD-ROM drive",
                    request -> act(request, "vm.media.insert", (c, u, r) -> {
                        MediaRequest body = r.bodyAs(MediaRequest.class);
                        c.insertMedia(u, r.pathParam("target"), required(body == null ? null : body.path(), "path"));
                    }, false)),
            Route.delete(VM + "/media/{target}", Role.OPERATOR, "Eject the media of a CD-ROM drive",
                    request -> act(request, "vm.media.eject", (c, u, r) -> c.ejectMedia(u, r.pathParam("target")), true)),
            Route.post(VM + "/disks", Role.OPERATOR, "Hot-add a disk {path, format, target, bus, readOnly}",
                    request -> act(request, "vm.disk.attach", (c, u, r) -> {
                        DiskRequest body = r.bodyAs(DiskRequest.class);
                        if (body == null) {
                            throw ApiException.badRequest("body {path, target, …} required");
                        }
                        c.attachDisk(u, new DiskSpec(required(body.path(), "path"), body.format(),
                                required(body.target(), "target"), body.bus(), body.readOnly()));
                    }, false)),
            Route.delete(VM + "/disks/{target}", Role.OPERATOR, "Detach a disk",
                    request -> act(request, "vm.disk.detach", (c, u, r) -> c.detachDisk(u, r.pathParam("target")), true)),
            Route.get(VM + "/metadata", Role.USER, "Deskplane metadata of a VM",
                    request -> ApiResult.ok(read(request, (c, u) -> c.metadata(u)))),
            Route.put(VM + "/metadata", Role.OPERATOR, "Replace Deskplane metadata of a VM (a JSON object of strings)",
                    request -> act(request, "vm.metadata.set", (c, u, r) -> c.setMetadata(u, stringMap(r)), true)));

    @Override
    public List<Route> routes() {
        return routes;
    }

    private Route action(String verb, String summary, VmAction action) {
        return Route.post(VM + "/" + verb, Role.OPERATOR, summary, request -> act(request, "vm." + verb, action, false));
    }

    private List<HypervisorConnection> connections() {
        List<HypervisorConnection> current = connections;
        return current == null ? List.of() : current;
    }

    private HypervisorConnection connection(String id) {
        return connections().stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> ApiException.notFound("no hypervisor connection '" + id + "'"));
    }

    private static Connection connection(HypervisorConnection connection) {
        ConnectionStatus status = connection.status();
        return new Connection(connection.id(), connection.uri(), status.state().name(), status.since(),
                status.lastError(), status.hostName(), status.hypervisor());
    }

    /** VMs of every connected hypervisor; a connection that is down contributes none (its state says why). */
    private List<VmInfo> allVms() {
        List<VmInfo> vms = new ArrayList<>();
        for (HypervisorConnection connection : connections()) {
            if (connection.status().state() == ConnectionStatus.State.CONNECTED) {
                try {
                    vms.addAll(connection.listVms());
                } catch (HypervisorException e) {
                    // dropped between the state check and the call: shown as down in /hypervisor/connections
                }
            }
        }
        return vms;
    }

    @FunctionalInterface
    private interface VmRead<T> {
        T read(HypervisorConnection connection, String uuid) throws HypervisorException;
    }

    private <T> T read(ApiRequest request, VmRead<T> read) {
        try {
            return read.read(connection(request.pathParam("connection")), request.pathParam("uuid"));
        } catch (HypervisorException e) {
            throw HypervisorProblems.of(e);
        }
    }

    private ApiResult define(ApiRequest request) {
        DefineRequest body = request.bodyAs(DefineRequest.class);
        String xml = required(body == null ? null : body.xml(), "xml");
        String connectionId = request.pathParam("connection");
        HypervisorConnection connection = connection(connectionId);
        try {
            VmInfo defined = connection.define(xml);
            record(request, "vm.define", defined.id().toString(), AuditEvent.Result.SUCCESS, defined.name());
            return ApiResult.created(defined);
        } catch (HypervisorException e) {
            record(request, "vm.define", connectionId, AuditEvent.Result.FAILURE, e.getMessage());
            throw HypervisorProblems.of(e);
        }
    }

    private ApiResult act(ApiRequest request, String action, VmAction body, boolean noContent) {
        String connectionId = request.pathParam("connection");
        String uuid = request.pathParam("uuid");
        String target = connectionId + "/" + uuid;
        HypervisorConnection connection = connection(connectionId);
        try {
            body.run(connection, uuid, request);
        } catch (HypervisorException e) {
            record(request, action, target, AuditEvent.Result.FAILURE, e.getMessage());
            throw HypervisorProblems.of(e);
        } catch (ApiException e) {
            record(request, action, target, AuditEvent.Result.FAILURE, e.getMessage());
            throw e;
        }
        record(request, action, target, AuditEvent.Result.SUCCESS, null);
        if (noContent) {
            return ApiResult.noContent();
        }
        try {
            return ApiResult.ok(connection.vm(uuid));
        } catch (HypervisorException e) {
            return ApiResult.noContent(); // done, but the VM cannot be read back (e.g. the connection just dropped)
        }
    }

    private void record(ApiRequest request, String action, String target, AuditEvent.Result result, String detail) {
        AuditLog log = audit;
        if (log != null) {
            log.record(AuditEvent.now(request.actor(), action, target, result, detail, request.remoteAddress()));
        }
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("'" + field + "' is required");
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> stringMap(ApiRequest request) {
        Map<String, Object> body = request.bodyAs(Map.class);
        if (body == null) {
            throw ApiException.badRequest("body must be a JSON object of strings");
        }
        for (Map.Entry<String, Object> entry : body.entrySet()) {
            if (!(entry.getValue() instanceof String)) {
                throw ApiException.badRequest("metadata value of '" + entry.getKey() + "' must be a string");
            }
        }
        return (Map<String, String>) (Map<?, ?>) body;
    }
}
