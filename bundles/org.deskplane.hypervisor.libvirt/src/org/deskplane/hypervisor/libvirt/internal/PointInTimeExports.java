package org.deskplane.hypervisor.libvirt.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.deskplane.hypervisor.api.DiskExport;
import org.deskplane.hypervisor.api.DiskInfo;
import org.deskplane.hypervisor.api.HypervisorException;
import org.deskplane.hypervisor.api.HypervisorException.Kind;
import org.deskplane.hypervisor.api.NotSupportedException;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * Point-in-time exports of running VMs' disks through libvirt pull-mode backup jobs: QEMU serves each disk over NBD
 * on a Unix socket as it was when the job began, copying blocks the guest overwrites afterwards to a scratch file
 * first. One job per VM, shared by every holder and ended (scratch files deleted by libvirt) when the last holder
 * closes. While the job begins, the guest's file systems are frozen by its agent when it has one, so their journals
 * are flushed into place and readers that do not replay journals see every file.
 */
final class PointInTimeExports {
    private static final Logger LOG = Logger.getLogger(PointInTimeExports.class.getName());
    /** Linux's limit for a Unix socket path (sun_path), with its terminating NUL. */
    private static final int MAX_SOCKET_PATH = 107;
    private static final int THAW_ATTEMPTS = 3;

    private final String connectionId;
    private final Path directory;
    private final Supplier<NativeConnect> connection;
    /** By VM UUID; guarded by {@code this}. */
    private final Map<String, Shared> exports = new HashMap<>();

    PointInTimeExports(String connectionId, Path directory, Supplier<NativeConnect> connection) {
        this.connectionId = connectionId;
        this.directory = directory.toAbsolutePath();
        this.connection = connection;
    }

    /** One backup job on one run of a VM (libvirt's domain id changes when the VM restarts, and its job ends). */
    private static final class Shared {
        final String uuid;
        final int domainId;
        final Path socket;
        final List<String> targets;
        final Instant takenAt;
        final boolean quiesced;
        int holders;

        Shared(String uuid, int domainId, Path socket, List<String> targets, Instant takenAt, boolean quiesced) {
            this.uuid = uuid;
            this.domainId = domainId;
            this.socket = socket;
            this.targets = targets;
            this.takenAt = takenAt;
            this.quiesced = quiesced;
        }
    }

    synchronized DiskExport acquire(String uuid) throws HypervisorException {
        NativeConnect connect = connected();
        Domain domain;
        int domainId;
        String liveXml;
        try {
            domain = connect.domainLookupByUUIDString(uuid);
            if (domain.isActive() != 1) {
                throw new HypervisorException(Kind.INVALID, "VM " + uuid + " is not running: its disk files can be read directly");
            }
            domainId = domain.getID();
            liveXml = domain.getXMLDesc(0);
        } catch (LibvirtException e) {
            throw LibvirtErrors.map("exportPointInTime", connectionId, e);
        }
        Shared existing = exports.get(uuid);
        if (existing != null && existing.domainId == domainId) {
            existing.holders++;
            return new Handle(existing);
        }
        exports.remove(uuid); // from an earlier run of the VM: libvirt ended that job when the VM stopped
        DomainXml xml = DomainXml.parse(liveXml);
        List<String> targets = new ArrayList<>();
        List<String> unchanging = new ArrayList<>();
        for (DiskInfo disk : xml.disks()) {
            if ("disk".equals(disk.device()) && disk.path() != null) {
                // a read-only disk is not written, so its file is its own point-in-time view
                (disk.readOnly() ? unchanging : targets).add(disk.target());
            }
        }
        if (targets.isEmpty()) {
            throw new HypervisorException(Kind.INVALID, "VM " + uuid + " has no writable disks to export");
        }
        prepareDirectory();
        Path socket = directory.resolve(uuid + ".nbd.sock");
        if (socket.toString().length() > MAX_SOCKET_PATH) {
            throw new HypervisorException(Kind.INVALID, "the export directory " + directory
                    + " is too deep for a Unix socket path; configure a shorter export_directory");
        }
        removeLeftovers(uuid);
        Shared shared = begin(connect, uuid, domainId, socket, targets, unchanging, xml.guestAgentConnected());
        exports.put(uuid, shared);
        shared.holders = 1;
        return new Handle(shared);
    }

    /** Ends every export (the component is going away). */
    synchronized void closeAll() {
        for (Shared shared : List.copyOf(exports.values())) {
            abort(shared.uuid);
        }
        exports.clear();
    }

    private Shared begin(NativeConnect connect, String uuid, int domainId, Path socket, List<String> targets,
            List<String> unchanging, boolean agentConnected) throws HypervisorException {
        LibvirtNative calls = calls();
        Pointer domain = calls.virDomainLookupByUUIDString(connect.pointer(), uuid);
        if (domain == null) {
            throw nativeError("exportPointInTime", calls);
        }
        try {
            boolean frozen = agentConnected && freeze(calls, domain, uuid);
            Instant takenAt;
            try {
                takenAt = Instant.now();
                if (calls.virDomainBackupBegin(domain, backupXml(uuid, socket, targets, unchanging), null, 0) < 0) {
                    HypervisorException error = nativeError("exportPointInTime", calls);
                    if (!endStaleJob(calls, domain, uuid)) {
                        throw error;
                    }
                    takenAt = Instant.now();
                    if (calls.virDomainBackupBegin(domain, backupXml(uuid, socket, targets, unchanging), null, 0) < 0) {
                        throw nativeError("exportPointInTime", calls);
                    }
                }
            } finally {
                if (frozen) {
                    thaw(calls, domain, uuid);
                }
            }
            LOG.log(Level.INFO, "point-in-time export of VM {0} ({1}) at {2}{3}",
                    new Object[] { uuid, String.join(", ", targets), socket, frozen ? ", file systems frozen" : "" });
            return new Shared(uuid, domainId, socket, List.copyOf(targets), takenAt, frozen);
        } finally {
            calls.virDomainFree(domain);
        }
    }

    /**
     * A backup job of ours left over from a server that stopped without ending it (its socket is in our directory):
     * ended so a new one can begin. A job anybody else runs is left alone.
     */
    private boolean endStaleJob(LibvirtNative calls, Pointer domain, String uuid) {
        Pointer description = calls.virDomainBackupGetXMLDesc(domain, 0);
        if (description == null) {
            return false;
        }
        String xml;
        try {
            xml = description.getString(0);
        } finally {
            Native.free(Pointer.nativeValue(description));
        }
        if (!xml.contains("socket='" + directory.resolve(uuid + ".nbd.sock") + "'")
                && !xml.contains("socket=\"" + directory.resolve(uuid + ".nbd.sock") + "\"")) {
            return false;
        }
        LOG.log(Level.WARNING, "ending a stale point-in-time export of VM {0} left by an earlier run", uuid);
        return calls.virDomainAbortJob(domain) == 0;
    }

    private static boolean freeze(LibvirtNative calls, Pointer domain, String uuid) {
        if (calls.virDomainFSFreeze(domain, null, 0, 0) >= 0) {
            return true;
        }
        // an agent that does not answer or refuses: the view is crash-consistent instead
        LOG.log(Level.FINE, "could not freeze the file systems of VM {0}: {1}",
                new Object[] { uuid, calls.virGetLastErrorMessage() });
        return false;
    }

    private static void thaw(LibvirtNative calls, Pointer domain, String uuid) {
        for (int attempt = 1; attempt <= THAW_ATTEMPTS; attempt++) {
            if (calls.virDomainFSThaw(domain, null, 0, 0) >= 0) {
                return;
            }
            LOG.log(Level.WARNING, "thawing the file systems of VM {0} failed (attempt {1}): {2}",
                    new Object[] { uuid, attempt, calls.virGetLastErrorMessage() });
        }
        LOG.log(Level.SEVERE, "the file systems of VM {0} may still be frozen: thaw them with the guest agent", uuid);
    }

    private String backupXml(String uuid, Path socket, List<String> targets, List<String> unchanging) {
        StringBuilder xml = new StringBuilder("<domainbackup mode='pull'><server transport='unix' socket='")
                .append(escape(socket.toString())).append("'/><disks>");
        for (String target : targets) {
            xml.append("<disk name='").append(escape(target)).append("' backup='yes' type='file' exportname='")
                    .append(escape(target)).append("'><scratch file='")
                    .append(escape(directory.resolve(uuid + "-" + target + ".scratch").toString()))
                    .append("'/></disk>");
        }
        for (String target : unchanging) {
            xml.append("<disk name='").append(escape(target)).append("' backup='no'/>");
        }
        return xml.append("</disks></domainbackup>").toString();
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("'", "&apos;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private synchronized void release(Shared shared) {
        if (--shared.holders > 0) {
            return;
        }
        if (exports.get(shared.uuid) == shared) {
            exports.remove(shared.uuid);
            abort(shared.uuid);
        }
    }

    /** Ends the VM's backup job; a VM that stopped or vanished has none left, which is fine. */
    private void abort(String uuid) {
        NativeConnect connect = connection.get();
        if (connect == null) {
            return;
        }
        try {
            LibvirtNative calls = calls();
            Pointer domain = calls.virDomainLookupByUUIDString(connect.pointer(), uuid);
            if (domain == null) {
                return;
            }
            try {
                if (calls.virDomainAbortJob(domain) < 0) {
                    LOG.log(Level.FINE, "ending the point-in-time export of VM {0}: {1}",
                            new Object[] { uuid, calls.virGetLastErrorMessage() });
                }
            } finally {
                calls.virDomainFree(domain);
            }
        } catch (HypervisorException e) {
            LOG.log(Level.FINE, "ending the point-in-time export of VM " + uuid + ": " + e.getMessage());
        }
    }

    private NativeConnect connected() throws HypervisorException {
        NativeConnect connect = connection.get();
        if (connect == null) {
            throw new HypervisorException(Kind.CONNECTION_LOST, "connection '" + connectionId + "' is not connected");
        }
        return connect;
    }

    private LibvirtNative calls() throws HypervisorException {
        try {
            return LibvirtNative.get();
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new NotSupportedException("exportPointInTime (libvirt without backup jobs: " + e.getMessage() + ")",
                    connectionId, e);
        }
    }

    private HypervisorException nativeError(String operation, LibvirtNative calls) {
        return LibvirtErrors.map(operation, connectionId, calls.virGetLastErrorCode(), calls.virGetLastErrorMessage(), null);
    }

    /** Creates the directory owned like its parent: QEMU's user must create the socket and scratch files in it. */
    private void prepareDirectory() throws HypervisorException {
        if (Files.isDirectory(directory)) {
            return;
        }
        try {
            Files.createDirectories(directory);
            PosixFileAttributes parent = Files.readAttributes(directory.getParent(), PosixFileAttributes.class);
            PosixFileAttributeView view = Files.getFileAttributeView(directory, PosixFileAttributeView.class);
            view.setOwner(parent.owner());
            view.setGroup(parent.group());
            view.setPermissions(PosixFilePermissions.fromString("rwxr-x---"));
        } catch (IOException | UnsupportedOperationException e) {
            throw new HypervisorException(Kind.FAILED, "could not prepare the export directory " + directory + ": "
                    + e.getMessage(), e);
        }
    }

    /** A socket or scratch file a crashed run left behind would make QEMU refuse to begin. */
    private void removeLeftovers(String uuid) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, uuid + "*")) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "could not clean " + directory + " for VM " + uuid + ": " + e.getMessage());
        }
    }

    /** One holder's use of a shared export. */
    private final class Handle implements DiskExport {
        private final Shared shared;
        private boolean closed;

        Handle(Shared shared) {
            this.shared = shared;
        }

        @Override
        public Path socket() {
            return shared.socket;
        }

        @Override
        public List<String> targets() {
            return shared.targets;
        }

        @Override
        public String exportName(String target) {
            if (!shared.targets.contains(target)) {
                throw new IllegalArgumentException("no exported disk " + target + " (exported: " + shared.targets + ")");
            }
            return target;
        }

        @Override
        public Instant takenAt() {
            return shared.takenAt;
        }

        @Override
        public boolean quiesced() {
            return shared.quiesced;
        }

        @Override
        public void close() {
            synchronized (PointInTimeExports.this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            release(shared);
        }

        @Override
        public String toString() {
            return "point-in-time export of VM " + shared.uuid + " taken " + shared.takenAt;
        }
    }
}
