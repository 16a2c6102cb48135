package org.deskplane.client.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.deskplane.client.ServerException;
import org.deskplane.hypervisor.api.ConnectionStatus;
import org.deskplane.hypervisor.api.DiskSpec;
import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.HypervisorException;
import org.deskplane.hypervisor.api.VmInfo;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One of the server's hypervisor connections over {@code /api/hypervisor}: the same interface the libvirt
 * provider implements in-process, so parts do not care where the work happens. Error answers become
 * {@link HypervisorException}s of the kind the server mapped them from ({@link HypervisorErrors}).
 */
final class RemoteHypervisorConnection implements HypervisorConnection {

    private final RestClient rest;
    private final String id;
    private final String uri;

    RemoteHypervisorConnection(RestClient rest, String id, String uri) {
        this.rest = rest;
        this.id = Objects.requireNonNull(id, "id");
        this.uri = uri;
    }

    @FunctionalInterface
    private interface Call<T> {
        T run();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String uri() {
        return uri;
    }

    /** Never throws: a server that cannot be asked is reported as a connection that is down. */
    @Override
    public ConnectionStatus status() {
        try {
            for (JsonNode connection : RemoteHypervisors.connectionList(rest)) {
                if (id.equals(connection.path("id").asText())) {
                    return HypervisorJson.status(connection);
                }
            }
            return new ConnectionStatus(ConnectionStatus.State.CLOSED, Instant.now(),
                    "the server no longer has connection '" + id + "'", null, null);
        } catch (ServerException e) {
            return new ConnectionStatus(ConnectionStatus.State.DISCONNECTED, Instant.now(), e.getMessage(), null,
                    null);
        }
    }

    @Override
    public List<VmInfo> listVms() throws HypervisorException {
        // the REST API lists the VMs of all connections at once; this connection's are picked out
        return call("listVms", () -> JsonMapping.list(rest.getJson("/hypervisor/vms"), "VM", HypervisorJson::vm)
                .stream().filter(vm -> id.equals(vm.id().connectionId())).toList());
    }

    @Override
    public VmInfo vm(String uuid) throws HypervisorException {
        return call("vm", () -> HypervisorJson.vm(rest.getJson(vmPath(uuid))));
    }

    @Override
    public VmInfo define(String domainXml) throws HypervisorException {
        Objects.requireNonNull(domainXml, "domainXml");
        return call("define", () -> HypervisorJson.vm(rest.sendJson("POST", "/hypervisor/connections/"
                + PathSegments.segment(id) + "/vms", Map.of("xml", domainXml))));
    }

    @Override
    public void undefine(String uuid) throws HypervisorException {
        send("undefine", "DELETE", vmPath(uuid), null);
    }

    @Override
    public void start(String uuid) throws HypervisorException {
        action("start", uuid, "start");
    }

    @Override
    public void shutdown(String uuid) throws HypervisorException {
        action("shutdown", uuid, "shutdown");
    }

    @Override
    public void destroy(String uuid) throws HypervisorException {
        action("destroy", uuid, "destroy");
    }

    @Override
    public void suspend(String uuid) throws HypervisorException {
        action("suspend", uuid, "suspend");
    }

    @Override
    public void resume(String uuid) throws HypervisorException {
        action("resume", uuid, "resume");
    }

    @Override
    public void managedSave(String uuid) throws HypervisorException {
        action("managedSave", uuid, "save");
    }

    @Override
    public List<String> snapshots(String uuid) throws HypervisorException {
        return call("snapshots", () -> JsonMapping.list(rest.getJson(vmPath(uuid) + "/snapshots"), "snapshot name",
                JsonNode::asText));
    }

    @Override
    public void snapshotCreate(String uuid, String name, String description) throws HypervisorException {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("name", name);
        if (description != null) {
            body.put("description", description);
        }
        send("snapshotCreate", "POST", vmPath(uuid) + "/snapshots", body);
    }

    @Override
    public void snapshotRevert(String uuid, String name) throws HypervisorException {
        send("snapshotRevert", "POST", vmPath(uuid) + "/snapshots/" + PathSegments.segment(name) + "/revert", null);
    }

    @Override
    public void snapshotDelete(String uuid, String name) throws HypervisorException {
        send("snapshotDelete", "DELETE", vmPath(uuid) + "/snapshots/" + PathSegments.segment(name), null);
    }

    @Override
    public void insertMedia(String uuid, String target, String mediaPath) throws HypervisorException {
        send("insertMedia", "POST", vmPath(uuid) + "/media/" + PathSegments.segment(target),
                Map.of("path", Objects.requireNonNull(mediaPath, "mediaPath")));
    }

    @Override
    public void ejectMedia(String uuid, String target) throws HypervisorException {
        send("ejectMedia", "DELETE", vmPath(uuid) + "/media/" + PathSegments.segment(target), null);
    }

    @Override
    public void attachDisk(String uuid, DiskSpec disk) throws HypervisorException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("path", disk.path());
        body.put("format", disk.format());
        body.put("target", disk.target());
        body.put("bus", disk.bus());
        body.put("readOnly", disk.readOnly());
        send("attachDisk", "POST", vmPath(uuid) + "/disks", body);
    }

    @Override
    public void detachDisk(String uuid, String target) throws HypervisorException {
        send("detachDisk", "DELETE", vmPath(uuid) + "/disks/" + PathSegments.segment(target), null);
    }

    @Override
    public Map<String, String> metadata(String uuid) throws HypervisorException {
        return call("metadata", () -> Map.copyOf(HypervisorJson.stringMap(rest.getJson(vmPath(uuid) + "/metadata"))));
    }

    @Override
    public void setMetadata(String uuid, Map<String, String> metadata) throws HypervisorException {
        send("setMetadata", "PUT", vmPath(uuid) + "/metadata", Map.copyOf(metadata));
    }

    private void action(String operation, String uuid, String verb) throws HypervisorException {
        send(operation, "POST", vmPath(uuid) + "/" + verb, null);
    }

    private void send(String operation, String method, String path, Object body) throws HypervisorException {
        call(operation, () -> rest.sendJson(method, path, body));
    }

    private String vmPath(String uuid) {
        return "/hypervisor/vms/" + PathSegments.segment(id) + "/" + PathSegments.segment(Objects.requireNonNull(uuid,
                "uuid"));
    }

    private <T> T call(String operation, Call<T> call) throws HypervisorException {
        try {
            return call.run();
        } catch (ServerException e) {
            Exception translated = HypervisorErrors.translate(operation, id, e);
            if (translated instanceof HypervisorException hypervisor) {
                throw hypervisor;
            }
            throw (RuntimeException) translated;
        }
    }

    @Override
    public String toString() {
        return "RemoteHypervisorConnection[" + id + ", " + uri + "]";
    }
}
