package org.deskplane.hypervisor.api;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One configured connection to a hypervisor host (a libvirt URI), registered as a service per connection with
 * the property {@value #ID_PROPERTY}. Calls on one connection never wait for another connection. While the
 * connection is down every operation fails fast with {@link HypervisorException.Kind#CONNECTION_LOST}; the
 * provider reconnects by itself.
 */
@ProviderType
public interface HypervisorConnection {

    /** Service property holding {@link #id()} (the configuration property of the same name). */
    String ID_PROPERTY = "connection.id";

    /** Namespace of Deskplane's metadata element inside a libvirt domain's {@code <metadata>}. */
    String METADATA_NAMESPACE = "http://deskplane.org/xmlns/hypervisor/1.0";

    String id();

    String uri();

    ConnectionStatus status();

    List<VmInfo> listVms() throws HypervisorException;

    VmInfo vm(String uuid) throws HypervisorException;

    /** Defines (or redefines) a persistent VM from domain XML. */
    VmInfo define(String domainXml) throws HypervisorException;

    void undefine(String uuid) throws HypervisorException;

    void start(String uuid) throws HypervisorException;

    /** Asks the guest to shut down (ACPI); returns before it has. */
    void shutdown(String uuid) throws HypervisorException;

    /** Powers off at once. */
    void destroy(String uuid) throws HypervisorException;

    void suspend(String uuid) throws HypervisorException;

    void resume(String uuid) throws HypervisorException;

    /** Saves memory state to a hypervisor-managed image and stops; the next start resumes from it. */
    void managedSave(String uuid) throws HypervisorException;

    List<String> snapshots(String uuid) throws HypervisorException;

    void snapshotCreate(String uuid, String name, String description) throws HypervisorException;

    void snapshotRevert(String uuid, String name) throws HypervisorException;

    void snapshotDelete(String uuid, String name) throws HypervisorException;

    /**
     * Puts {@code mediaPath} (an ISO) into the CD-ROM drive {@code target} of a VM: into the running VM only while it
     * runs (the media is gone after its next stop), into its persistent definition while it is off.
     */
    void insertMedia(String uuid, String target, String mediaPath) throws HypervisorException;

    /** Empties the CD-ROM drive {@code target}, in the running VM and in its persistent definition. */
    void ejectMedia(String uuid, String target) throws HypervisorException;

    /** Hot-adds a disk to a running VM (and to its persistent definition). */
    void attachDisk(String uuid, DiskSpec disk) throws HypervisorException;

    void detachDisk(String uuid, String target) throws HypervisorException;

    /** Deskplane's metadata of a VM (from its persistent definition when it has one). */
    Map<String, String> metadata(String uuid) throws HypervisorException;

    /** Replaces Deskplane's metadata of a VM. Keys: letters, digits, {@code . _ -}. */
    void setMetadata(String uuid, Map<String, String> metadata) throws HypervisorException;

    /**
     * Makes sure the VM's persistent definition has a virtio-serial channel named {@code portName} whose host
     * side is a Unix socket the hypervisor binds at {@code socketPath} (an existing channel of that name is
     * replaced when its path differs). Takes effect at the VM's next start. Returns whether the definition
     * changed. Providers that cannot edit definitions throw {@link NotSupportedException}.
     *
     * @since 1.1
     */
    default boolean ensureUnixChannel(String uuid, String portName, String socketPath) throws HypervisorException {
        throw new NotSupportedException("ensureUnixChannel", id(), null);
    }

    /**
     * Makes sure the VM's persistent definition hands the host file {@code hostFile} to the guest's firmware
     * configuration under {@code name} (QEMU fw_cfg; the name starts with {@code opt/}), so software in the guest
     * can read it at boot without any network or kernel command line. The definition keeps only the path, never
     * the content: the file must stay readable by the hypervisor's user. Takes effect at the VM's next start.
     * Returns whether the definition changed. Providers that cannot do this throw {@link NotSupportedException}.
     *
     * @since 1.2
     */
    default boolean ensureFirmwareConfigFile(String uuid, String name, String hostFile) throws HypervisorException {
        throw new NotSupportedException("ensureFirmwareConfigFile", id(), null);
    }

    /**
     * Hands one QEMU guest agent command (a JSON object, {@code {"execute": ..., "arguments": ...}}) to the agent
     * in the running VM through the hypervisor's own agent channel and returns the agent's JSON response object.
     * The hypervisor synchronises with the agent itself. Fails with {@link HypervisorException.Kind#TIMEOUT} when
     * the agent does not answer within {@code timeout}, {@link HypervisorException.Kind#INVALID} when the
     * VM is not running or has no connected agent, and {@link NotSupportedException} where the driver has no
     * agent channel.
     *
     * @since 1.2
     */
    default String guestAgentCommand(String uuid, String commandJson, java.time.Duration timeout) throws HypervisorException {
        throw new NotSupportedException("guestAgentCommand", id(), null);
    }

    /**
     * Exports a point-in-time, read-only view of every disk of the running VM (see {@link DiskExport}), without
     * pausing the VM or changing its disks. When the guest's agent answers, its file systems are frozen for the
     * instant the view is taken. Holders share one export per VM: a second call while one is open returns another
     * handle to the same view. Fails with {@link HypervisorException.Kind#INVALID} when the VM is not running, and
     * {@link NotSupportedException} where the hypervisor or connection cannot export (e.g. a remote host).
     *
     * @since 1.3
     */
    default DiskExport exportPointInTime(String uuid) throws HypervisorException {
        throw new NotSupportedException("exportPointInTime", id(), null);
    }

    /**
     * Saves the running VM's memory and device state into {@code hostFile} (libvirt virDomainSave: the same image
     * format as managed save, but at a path the caller owns, so it can be moved to another host) and stops the VM.
     * A transient VM is gone afterwards. {@link HypervisorException.Kind#INVALID} when not running; the file must not
     * exist yet (no overwrite). {@code hostFile} is an absolute path on the hypervisor's host.
     *
     * @since 1.5
     */
    default void saveState(String uuid, java.nio.file.Path hostFile) throws HypervisorException {
        throw new NotSupportedException("saveState", id(), null);
    }

    /**
     * The domain XML stored inside a saved state file (virDomainSaveImageGetXMLDesc, secure info included).
     *
     * @since 1.5
     */
    default String savedStateXml(java.nio.file.Path hostFile) throws HypervisorException {
        throw new NotSupportedException("savedStateXml", id(), null);
    }

    /**
     * Starts a VM from a saved state file (virDomainRestoreFlags). {@code domainXml}, when not null, replaces the
     * saved definition (same VM ABI; used to point disks at this host's files). Returns the running VM (a VM that
     * was paused when it was saved comes back paused). The VM is transient unless a persistent definition with its
     * UUID exists. The file is left in place. {@link VmStartHook}s are asked first, as for {@link #start(String)}.
     *
     * @since 1.5
     */
    default VmInfo restoreState(java.nio.file.Path hostFile, String domainXml) throws HypervisorException {
        throw new NotSupportedException("restoreState", id(), null);
    }

    /**
     * Creates and starts a transient VM from domain XML (virDomainCreateXML): it is gone when it stops.
     * {@link VmStartHook}s are asked first, as for {@link #start(String)}.
     *
     * @since 1.5
     */
    default VmInfo createTransient(String domainXml) throws HypervisorException {
        throw new NotSupportedException("createTransient", id(), null);
    }

    /**
     * The VM's current domain XML (live definition while running, with secure info).
     *
     * @since 1.5
     */
    default String domainXml(String uuid) throws HypervisorException {
        throw new NotSupportedException("domainXml", id(), null);
    }
}
