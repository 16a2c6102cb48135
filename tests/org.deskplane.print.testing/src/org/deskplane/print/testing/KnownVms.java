package org.deskplane.print.testing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.deskplane.hypervisor.api.ConnectionStatus;
import org.deskplane.hypervisor.api.DiskSpec;
import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.HypervisorException;
import org.deskplane.hypervisor.api.NotSupportedException;
import org.deskplane.hypervisor.api.VmId;
import org.deskplane.hypervisor.api.VmInfo;
import org.deskplane.hypervisor.api.VmState;

/**
 * What the host knows about VMs, for the test: a hypervisor connection that lists given VMs with their metadata
 * (owner, pool). Everything else is "not supported": the print bridge and the print REST routes only look VMs up.
 */
public final class KnownVms implements HypervisorConnection {
    private final String id;
    private final Map<String, VmInfo> vms = new ConcurrentHashMap<>();

    public KnownVms(String id) {
        this.id = id;
    }

    /** Lists a running VM with this UUID, name and metadata (replacing one of the same UUID). */
    public void add(String uuid, String name, Map<String, String> metadata) {
        vms.put(uuid, new VmInfo(new VmId(id, uuid), name, VmState.RUNNING, true, false, 1, 1024, List.of(), List.of(),
                metadata));
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String uri() {
        return "test:///print";
    }

    @Override
    public ConnectionStatus status() {
        return new ConnectionStatus(ConnectionStatus.State.CONNECTED, Instant.now(), "", "localhost", "test");
    }

    @Override
    public List<VmInfo> listVms() {
        return List.copyOf(vms.values());
    }

    @Override
    public VmInfo vm(String uuid) throws HypervisorException {
        VmInfo vm = vms.get(uuid);
        if (vm == null) {
            throw new HypervisorException(HypervisorException.Kind.NOT_FOUND, "no VM " + uuid);
        }
        return vm;
    }

    @Override
    public Map<String, String> metadata(String uuid) throws HypervisorException {
        return vm(uuid).metadata();
    }

    private HypervisorException no(String what) {
        return new NotSupportedException(what, id, null);
    }

    @Override
    public VmInfo define(String domainXml) throws HypervisorException {
        throw no("define");
    }

    @Override
    public void undefine(String uuid) throws HypervisorException {
        throw no("undefine");
    }

    @Override
    public void start(String uuid) throws HypervisorException {
        throw no("start");
    }

    @Override
    public void shutdown(String uuid) throws HypervisorException {
        throw no("shutdown");
    }

    @Override
    public void destroy(String uuid) throws HypervisorException {
        throw no("destroy");
    }

    @Override
    public void suspend(String uuid) throws HypervisorException {
        throw no("suspend");
    }

    @Override
    public void resume(String uuid) throws HypervisorException {
        throw no("resume");
    }

    @Override
    public void managedSave(String uuid) throws HypervisorException {
        throw no("managedSave");
    }

    @Override
    public List<String> snapshots(String uuid) throws HypervisorException {
        throw no("snapshots");
    }

    @Override
    public void snapshotCreate(String uuid, String name, String description) throws HypervisorException {
        throw no("snapshotCreate");
    }

    @Override
    public void snapshotRevert(String uuid, String name) throws HypervisorException {
        throw no("snapshotRevert");
    }

    @Override
    public void snapshotDelete(String uuid, String name) throws HypervisorException {
        throw no("snapshotDelete");
    }

    @Override
    public void insertMedia(String uuid, String target, String mediaPath) throws HypervisorException {
        throw no("insertMedia");
    }

    @Override
    public void ejectMedia(String uuid, String target) throws HypervisorException {
        throw no("ejectMedia");
    }

    @Override
    public void attachDisk(String uuid, DiskSpec disk) throws HypervisorException {
        throw no("attachDisk");
    }

    @Override
    public void detachDisk(String uuid, String target) throws HypervisorException {
        throw no("detachDisk");
    }

    @Override
    public void setMetadata(String uuid, Map<String, String> metadata) throws HypervisorException {
        throw no("setMetadata");
    }
}
