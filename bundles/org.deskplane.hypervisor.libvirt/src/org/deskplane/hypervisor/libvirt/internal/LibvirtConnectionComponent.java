package org.deskplane.hypervisor.libvirt.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.deskplane.hypervisor.api.ConnectionStatus;
import org.deskplane.hypervisor.api.DiskSpec;
import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.HypervisorEvents.VmEventType;
import org.deskplane.hypervisor.api.HypervisorException;
import org.deskplane.hypervisor.api.NotSupportedException;
import org.deskplane.hypervisor.api.HypervisorException.Kind;
import org.deskplane.hypervisor.api.VmInfo;
import org.deskplane.hypervisor.api.VmStartHook;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainSnapshot;
import org.libvirt.LibvirtException;
import org.osgi.service.component.ComponentConstants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.w3c.dom.Element;

/**
 * One libvirt connection as a {@link HypervisorConnection} service, created per factory configuration
 * {@value #FACTORY_PID}. Operations run on the caller's thread against the open connection and fail fast while
 * it is down; the {@link ConnectionKeeper} reconnects and keeps the inventory current.
 */
@Component(configurationPid = LibvirtConnectionComponent.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, service = HypervisorConnection.class,
        immediate = true) // a configured host is connected and inventoried whether or not anyone uses the service yet
@Designate(ocd = ConnectionConfig.class, factory = true)
public final class LibvirtConnectionComponent implements HypervisorConnection {

    public static final String FACTORY_PID = "org.deskplane.hypervisor.libvirt.connection";

    /** virDomainModificationImpact flags. */
    private static final int AFFECT_CURRENT = 0;
    /** libvirt's VIR_DOMAIN_DEVICE_MODIFY_FORCE (not in libvirt-java 0.5.2's constants). */
    private static final int DEVICE_MODIFY_FORCE = 4;
    private static final int MEDIA_ATTEMPTS = 6;
    private static final int AFFECT_LIVE = 1;
    private static final int AFFECT_CONFIG = 2;
    /** virDomainUndefineFlags: also remove managed save images and snapshot metadata. */
    private static final int UNDEFINE_MANAGED_SAVE_AND_SNAPSHOTS = 1 | 2;
    /** virDomainXMLFlags VIR_DOMAIN_XML_SECURE: with passwords, as a definition to start from needs them. */
    private static final int XML_SECURE = 1;

    private final String id;
    private final String uri;
    private final ConnectionKeeper keeper;
    private final PointInTimeExports exports;
    private final SavedStates savedStates;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;

    /** Asked before every start; any of them may refuse it (e.g. a security scan of the VM's disks). */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<VmStartHook> startHooks;

    /** The event loop must be registered before a connection opens, hence this (static) reference. */
    @Activate
    public LibvirtConnectionComponent(ConnectionConfig config, @Reference LibvirtEventLoop eventLoop,
            @Reference InventoryWriter inventory) {
        if (config.connection_id() == null || config.connection_id().isBlank() || config.uri() == null
                || config.uri().isBlank()) {
            throw new IllegalArgumentException("a libvirt connection needs connection.id and uri");
        }
        this.id = config.connection_id();
        this.uri = config.uri();
        this.keeper = new ConnectionKeeper(config, inventory, new EventPublisher(() -> eventAdmin, id, uri));
        this.exports = new PointInTimeExports(id, java.nio.file.Path.of(config.export_directory()),
                () -> keeper.current() instanceof NativeConnect connect ? connect : null);
        this.savedStates = new SavedStates(id, ConnectionKeeper.isRemote(uri), keeper::connectionLost);
        keeper.start();
    }

    @Deactivate
    void deactivate(int reason) {
        exports.closeAll();
        keeper.close(reason == ComponentConstants.DEACTIVATION_REASON_CONFIGURATION_DELETED);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String uri() {
        return uri;
    }

    @Override
    public ConnectionStatus status() {
        return keeper.status();
    }

    /** Forces a full re-read of the host into the inventory (on this connection's thread). */
    void refreshInventory() {
        keeper.later(keeper::refreshAll);
    }

    @Override
    public List<VmInfo> listVms() throws HypervisorException {
        return call("listVms", connect -> {
            List<VmInfo> vms = new ArrayList<>();
            for (int domainId : connect.listDomains()) {
                vms.add(DomainReader.read(id, connect.domainLookupByID(domainId)));
            }
            for (String name : connect.listDefinedDomains()) {
                vms.add(DomainReader.read(id, connect.domainLookupByName(name)));
            }
            return vms;
        });
    }

    @Override
    public VmInfo vm(String uuid) throws HypervisorException {
        return call("vm", connect -> DomainReader.read(id, domain(connect, uuid)));
    }

    @Override
    public VmInfo define(String domainXml) throws HypervisorException {
        try {
            DomainXml.parse(domainXml); // refuse oversized or malformed XML before libvirt sees it
        } catch (IllegalArgumentException e) {
            throw new HypervisorException(Kind.INVALID, "define: " + e.getMessage(), e);
        }
        VmInfo defined = call("define", connect -> DomainReader.read(id, connect.domainDefineXML(domainXml)));
        keeper.refreshVm(defined.id().uuid(), null, null);
        return defined;
    }

    @Override
    public void undefine(String uuid) throws HypervisorException {
        mutate("undefine", uuid, null, domain -> {
            try {
                domain.undefine(UNDEFINE_MANAGED_SAVE_AND_SNAPSHOTS);
            } catch (LibvirtException e) {
                if (!(LibvirtErrors.map("undefine", id, e) instanceof org.deskplane.hypervisor.api.NotSupportedException)) {
                    throw e;
                }
                domain.undefine(); // drivers without undefine flags
            }
        });
    }

    @Override
    public void start(String uuid) throws HypervisorException {
        requireName("uuid", uuid);
        if (hasStartHooks()) {
            askStartHooks(vm(uuid));
        }
        mutate("start", uuid, null, Domain::create);
    }

    private boolean hasStartHooks() {
        List<VmStartHook> hooks = startHooks;
        return hooks != null && !hooks.isEmpty();
    }

    private void askStartHooks(VmInfo vm) throws HypervisorException {
        List<VmStartHook> hooks = startHooks;
        if (hooks != null) {
            for (VmStartHook hook : hooks) {
                hook.beforeStart(id, vm); // a veto propagates: the domain is not started
            }
        }
    }

    @Override
    public void shutdown(String uuid) throws HypervisorException {
        mutate("shutdown", uuid, null, Domain::shutdown);
    }

    @Override
    public void destroy(String uuid) throws HypervisorException {
        mutate("destroy", uuid, null, Domain::destroy);
    }

    @Override
    public void suspend(String uuid) throws HypervisorException {
        mutate("suspend", uuid, null, Domain::suspend);
    }

    @Override
    public void resume(String uuid) throws HypervisorException {
        mutate("resume", uuid, null, Domain::resume);
    }

    @Override
    public void managedSave(String uuid) throws HypervisorException {
        mutate("managedSave", uuid, null, Domain::managedSave);
    }

    @Override
    public void saveState(String uuid, java.nio.file.Path hostFile) throws HypervisorException {
        requireAbsolute("saveState", hostFile);
        mutateConnected("saveState", uuid, null, (connect, domain) -> {
            if (domain.isActive() != 1) {
                throw new IllegalArgumentException("VM " + uuid + " is not running; only a running VM's state can "
                        + "be saved");
            }
            savedStates.save(connect, domain, hostFile);
        });
    }

    @Override
    public String savedStateXml(java.nio.file.Path hostFile) throws HypervisorException {
        requireAbsolute("savedStateXml", hostFile);
        return call("savedStateXml", connect -> savedStates.xml(connect, hostFile));
    }

    @Override
    public VmInfo restoreState(java.nio.file.Path hostFile, String domainXml) throws HypervisorException {
        requireAbsolute("restoreState", hostFile);
        DomainXml replacement = domainXml == null ? null : validated("restoreState", domainXml);
        DomainXml saved = validated("restoreState", savedStateXml(hostFile));
        String uuid = saved.uuid(); // libvirt refuses a replacement definition with another UUID or name
        if (uuid == null) {
            throw new HypervisorException(Kind.INVALID, "restoreState: the definition in " + hostFile + " has no UUID");
        }
        if (hasStartHooks()) {
            boolean persistent = call("restoreState", connect -> isDefined(connect, uuid));
            askStartHooks(PlannedVm.of(id, uuid, replacement == null ? saved : replacement, persistent));
        }
        VmInfo restored = call("restoreState", connect -> {
            savedStates.restore(connect, hostFile, domainXml);
            return DomainReader.read(id, domain(connect, uuid));
        });
        keeper.refreshVm(uuid, null, "restoreState"); // libvirt's STARTED event (detail RESTORED) is the event
        return restored;
    }

    @Override
    public VmInfo createTransient(String domainXml) throws HypervisorException {
        DomainXml parsed = validated("createTransient", domainXml);
        String uuid = parsed.uuid();
        String xml = domainXml;
        if (uuid == null) {
            // chosen here rather than by libvirt so that the start hooks see the VM's real identity
            uuid = java.util.UUID.randomUUID().toString();
            xml = parsed.withUuid(uuid);
        }
        String name = parsed.name();
        String created = uuid;
        call("createTransient", connect -> {
            // libvirt would start an existing persistent definition with this XML instead: that VM would not be
            // gone when it stops
            if (existing(connect, created) != null || (name != null && nameTaken(connect, name))) {
                throw new IllegalArgumentException("a VM with UUID " + created + " or name '" + name
                        + "' already exists; start it instead");
            }
            return null;
        });
        if (hasStartHooks()) {
            askStartHooks(PlannedVm.of(id, uuid, parsed, false));
        }
        String startXml = xml;
        VmInfo running = call("createTransient",
                connect -> DomainReader.read(id, connect.domainCreateXML(startXml, 0)));
        keeper.refreshVm(running.id().uuid(), null, "createTransient");
        return running;
    }

    @Override
    public String domainXml(String uuid) throws HypervisorException {
        requireName("uuid", uuid);
        return call("domainXml", connect -> domain(connect, uuid).getXMLDesc(XML_SECURE));
    }

    /** Whether a persistent definition with this UUID exists. */
    private static boolean isDefined(Connect connect, String uuid) throws LibvirtException {
        Domain domain = existing(connect, uuid);
        return domain != null && domain.isPersistent() == 1;
    }

    /** The domain with this UUID, or null when there is none. */
    private static Domain existing(Connect connect, String uuid) throws LibvirtException {
        try {
            return connect.domainLookupByUUIDString(uuid);
        } catch (LibvirtException e) {
            if (LibvirtErrors.code(e) == LibvirtErrors.NO_DOMAIN) {
                return null;
            }
            throw e;
        }
    }

    private static boolean nameTaken(Connect connect, String name) throws LibvirtException {
        try {
            connect.domainLookupByName(name);
            return true;
        } catch (LibvirtException e) {
            if (LibvirtErrors.code(e) == LibvirtErrors.NO_DOMAIN) {
                return false;
            }
            throw e;
        }
    }

    private static DomainXml validated(String operation, String domainXml) throws HypervisorException {
        if (domainXml == null) {
            throw new HypervisorException(Kind.INVALID, operation + ": domain XML is required");
        }
        try {
            return DomainXml.parse(domainXml); // refuse oversized or malformed XML before libvirt sees it
        } catch (IllegalArgumentException e) {
            throw new HypervisorException(Kind.INVALID, operation + ": " + e.getMessage(), e);
        }
    }

    private static void requireAbsolute(String operation, java.nio.file.Path hostFile) throws HypervisorException {
        if (hostFile == null || !hostFile.isAbsolute()) {
            // a relative path would be resolved against some process's working directory on the host
            throw new HypervisorException(Kind.INVALID, operation + ": an absolute host file path is required, not "
                    + hostFile);
        }
    }

    @Override
    public List<String> snapshots(String uuid) throws HypervisorException {
        return call("snapshots", connect -> Arrays.asList(domain(connect, uuid).snapshotListNames()));
    }

    @Override
    public void snapshotCreate(String uuid, String name, String description) throws HypervisorException {
        requireName("snapshot name", name);
        mutate("snapshotCreate", uuid, VmEventType.CHANGED,
                domain -> domain.snapshotCreateXML(DeviceXml.snapshot(name, description)).free());
    }

    @Override
    public void snapshotRevert(String uuid, String name) throws HypervisorException {
        mutate("snapshotRevert", uuid, VmEventType.CHANGED, domain -> {
            DomainSnapshot snapshot = domain.snapshotLookupByName(name);
            domain.revertToSnapshot(snapshot);
            snapshot.free();
        });
    }

    @Override
    public void snapshotDelete(String uuid, String name) throws HypervisorException {
        mutate("snapshotDelete", uuid, VmEventType.CHANGED, domain -> {
            DomainSnapshot snapshot = domain.snapshotLookupByName(name);
            snapshot.delete(0);
            snapshot.free();
        });
    }

    @Override
    public void insertMedia(String uuid, String target, String mediaPath) throws HypervisorException {
        requireName("media path", mediaPath);
        changeMedia("insertMedia", uuid, target, mediaPath);
    }

    @Override
    public void ejectMedia(String uuid, String target) throws HypervisorException {
        changeMedia("ejectMedia", uuid, target, null);
    }

    private void changeMedia(String operation, String uuid, String target, String mediaPath)
            throws HypervisorException {
        requireName("target", target);
        mutate(operation, uuid, VmEventType.CHANGED, domain -> {
            Element drive = DomainXml.parse(domain.getXMLDesc(0)).disk(target);
            if (drive == null || !"cdrom".equals(drive.getAttribute("device"))) {
                throw new IllegalArgumentException("VM has no CD-ROM drive '" + target + "'");
            }
            String bus = DomainXml.attr(DomainXml.child(drive, "target"), "bus");
            String device = DeviceXml.cdrom(target, bus, mediaPath);
            // FORCE: the firmware (or a guest) may hold the tray locked; an admin's eject/insert must still happen.
            // While firmware probes the drive, QEMU can still report the tray closed for a moment: retry, bounded.
            // An insert into a running VM is live only (temporary media); an eject empties the drive in the
            // persistent definition too, so media put there for a VM's next start does not come back after it.
            int affect = mediaPath == null ? impact(domain) : AFFECT_CURRENT;
            for (int attempt = 1;; attempt++) {
                try {
                    domain.updateDeviceFlags(device, affect | DEVICE_MODIFY_FORCE);
                    return;
                } catch (LibvirtException e) {
                    if (attempt >= MEDIA_ATTEMPTS || !isTrayNotOpen(e)) {
                        throw e;
                    }
                    pause(300L * attempt, e);
                }
            }
        });
    }

    @Override
    public void attachDisk(String uuid, DiskSpec disk) throws HypervisorException {
        mutate("attachDisk", uuid, VmEventType.CHANGED,
                domain -> domain.attachDeviceFlags(DeviceXml.disk(disk), impact(domain)));
    }

    @Override
    public void detachDisk(String uuid, String target) throws HypervisorException {
        requireName("target", target);
        mutate("detachDisk", uuid, VmEventType.CHANGED, domain -> {
            Element disk = DomainXml.parse(domain.getXMLDesc(0)).disk(target);
            if (disk == null) {
                throw new IllegalArgumentException("VM has no disk '" + target + "'");
            }
            domain.detachDeviceFlags(SafeXml.serialize(disk), impact(domain));
        });
    }

    /** Live and persistent for a running defined VM, else whichever exists. */
    private static int impact(Domain domain) throws LibvirtException {
        boolean active = domain.isActive() == 1;
        boolean persistent = domain.isPersistent() == 1;
        return active ? (persistent ? AFFECT_LIVE | AFFECT_CONFIG : AFFECT_LIVE) : AFFECT_CONFIG;
    }

    @Override
    public Map<String, String> metadata(String uuid) throws HypervisorException {
        return call("metadata", connect -> {
            Domain domain = domain(connect, uuid);
            int flags = domain.isPersistent() == 1 ? DomainReader.XML_INACTIVE : 0;
            return DomainXml.parse(domain.getXMLDesc(flags)).metadata();
        });
    }

    @Override
    public void setMetadata(String uuid, Map<String, String> metadata) throws HypervisorException {
        try {
            DomainXml.validate(metadata);
        } catch (IllegalArgumentException e) {
            throw new HypervisorException(Kind.INVALID, "setMetadata: " + e.getMessage(), e);
        }
        mutate("setMetadata", uuid, VmEventType.CHANGED, domain -> {
            if (domain.isPersistent() != 1) {
                throw new IllegalArgumentException("metadata is kept in the persistent definition; this VM is "
                        + "transient");
            }
            String xml = DomainXml.parse(domain.getXMLDesc(DomainReader.XML_INACTIVE)).withMetadata(metadata);
            domain.getConnect().domainDefineXML(xml);
        });
    }

    @Override
    public boolean ensureUnixChannel(String uuid, String portName, String socketPath) throws HypervisorException {
        requireName("uuid", uuid);
        requireName("portName", portName);
        requireName("socketPath", socketPath);
        boolean changed = call("ensureUnixChannel", connect -> {
            Domain domain = domain(connect, uuid);
            if (domain.isPersistent() != 1) {
                throw new IllegalArgumentException("channels are added to the persistent definition; this VM is transient");
            }
            var edited = DomainXml.parse(domain.getXMLDesc(DomainReader.XML_INACTIVE)).withUnixChannel(portName, socketPath);
            if (edited.isEmpty()) {
                return false;
            }
            connect.domainDefineXML(edited.get());
            return true;
        });
        if (changed) {
            keeper.refreshVm(uuid, VmEventType.CHANGED, "ensureUnixChannel");
        }
        return changed;
    }

    @Override
    public boolean ensureFirmwareConfigFile(String uuid, String name, String hostFile) throws HypervisorException {
        requireName("uuid", uuid);
        requireName("name", name);
        requireName("hostFile", hostFile);
        if (!name.startsWith("opt/") || name.length() > 55) {
            // QEMU's limit for fw_cfg names is 56 bytes with the terminator; user entries live under opt/
            throw new HypervisorException(Kind.INVALID, "firmware configuration names start with 'opt/' and have "
                    + "at most 55 characters: " + name);
        }
        boolean changed = call("ensureFirmwareConfigFile", connect -> {
            Domain domain = domain(connect, uuid);
            if (domain.isPersistent() != 1) {
                throw new IllegalArgumentException("firmware entries are added to the persistent definition; this VM "
                        + "is transient");
            }
            var edited = DomainXml.parse(domain.getXMLDesc(DomainReader.XML_INACTIVE)).withFirmwareConfigFile(name, hostFile);
            if (edited.isEmpty()) {
                return false;
            }
            connect.domainDefineXML(edited.get());
            return true;
        });
        if (changed) {
            keeper.refreshVm(uuid, VmEventType.CHANGED, "ensureFirmwareConfigFile");
        }
        return changed;
    }

    @Override
    public String guestAgentCommand(String uuid, String commandJson, java.time.Duration timeout) throws HypervisorException {
        requireName("uuid", uuid);
        requireName("commandJson", commandJson);
        // libvirt takes whole seconds; 0 would mean "do not wait" and negative values "wait forever"
        int seconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (timeout.toMillis() + 999) / 1000));
        try {
            return call("guestAgentCommand", connect -> domain(connect, uuid).qemuAgentCommand(commandJson, seconds, 0));
        } catch (HypervisorException e) {
            return GuestAgentErrors.responseOrThrow(e);
        } catch (UnsatisfiedLinkError e) {
            throw new NotSupportedException("guestAgentCommand (libvirt-qemu library not found: " + e.getMessage() + ")",
                    id, e);
        }
    }

    @Override
    public org.deskplane.hypervisor.api.DiskExport exportPointInTime(String uuid) throws HypervisorException {
        requireName("uuid", uuid);
        if (ConnectionKeeper.isRemote(uri)) {
            // the NBD socket would be on the remote host, out of this server's reach
            throw new NotSupportedException("exportPointInTime (remote host " + uri + ")", id, null);
        }
        try {
            return exports.acquire(uuid);
        } catch (IllegalArgumentException e) {
            throw new HypervisorException(Kind.INVALID, "exportPointInTime: " + e.getMessage(), e);
        }
    }

    // --- plumbing -------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface LibvirtCall<T> {
        /** May throw a HypervisorException of its own (direct C calls map their errors themselves). */
        T apply(Connect connect) throws LibvirtException, HypervisorException;
    }

    /** QEMU's "Tray of the device is not open" / "Tray of device 'x' is not open": a guest closed it again. */
    private static boolean isTrayNotOpen(LibvirtException e) {
        String message = e.getMessage();
        return message != null && message.contains("Tray of") && message.contains("is not open");
    }

    /** Waits before a retry; an interrupt ends the retries with the error that caused them. */
    private static void pause(long millis, LibvirtException cause) throws LibvirtException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw cause;
        }
    }

    @FunctionalInterface
    private interface DomainChange {
        void apply(Domain domain) throws LibvirtException;
    }

    /** A change that needs the connection too, and may fail with a HypervisorException of its own. */
    @FunctionalInterface
    private interface ConnectedDomainChange {
        void apply(Connect connect, Domain domain) throws LibvirtException, HypervisorException;
    }

    private <T> T call(String operation, LibvirtCall<T> body) throws HypervisorException {
        Connect connect = keeper.current();
        if (connect == null) {
            ConnectionStatus status = keeper.status();
            throw new HypervisorException(Kind.CONNECTION_LOST, "connection '" + id + "' (" + uri + ") is "
                    + status.state().name().toLowerCase(java.util.Locale.ROOT)
                    + (status.lastError() == null ? "" : ": " + status.lastError()) + "; it is being retried");
        }
        try {
            return body.apply(connect);
        } catch (LibvirtException e) {
            if (LibvirtErrors.isConnectionLoss(e)) {
                keeper.connectionLost(e.getMessage());
            }
            throw LibvirtErrors.map(operation, id, e);
        } catch (IllegalArgumentException e) {
            throw new HypervisorException(Kind.INVALID, operation + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs a change on one domain, then refreshes it in the inventory and posts {@code type}. Lifecycle changes pass
     * null: libvirt's own lifecycle event reports them (once), see {@link ConnectionKeeper}.
     */
    private void mutate(String operation, String uuid, VmEventType type, DomainChange change)
            throws HypervisorException {
        mutateConnected(operation, uuid, type, (connect, domain) -> change.apply(domain));
    }

    private void mutateConnected(String operation, String uuid, VmEventType type, ConnectedDomainChange change)
            throws HypervisorException {
        requireName("uuid", uuid);
        call(operation, connect -> {
            change.apply(connect, domain(connect, uuid));
            return null;
        });
        keeper.refreshVm(uuid, type, operation); // a VM that is gone now (a saved transient one) leaves the inventory
    }

    private Domain domain(Connect connect, String uuid) throws LibvirtException {
        return connect.domainLookupByUUIDString(uuid);
    }

    private static void requireName(String what, String value) throws HypervisorException {
        if (value == null || value.isBlank()) {
            throw new HypervisorException(Kind.INVALID, what + " is required");
        }
    }
}
