package org.deskplane.content.disk.internal;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.deskplane.content.api.ContentLocation;
import org.deskplane.content.api.ContentView;
import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.NetworkBlockDevices;
import org.deskplane.hypervisor.api.DiskExport;
import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.HypervisorException;

/**
 * A running VM's disk as it was at one moment: the hypervisor exports a point-in-time view of the VM's disks over
 * NBD and the view reads that, so what the guest writes meanwhile neither shows up half-written nor is touched.
 * The view holds the export; closing the view ends it. Empty when no export can be had (no NBD client, a host that
 * cannot export, the VM stopped meanwhile): the caller then reads the image file itself.
 */
final class PointInTimeDisks {
    private static final Logger LOG = Logger.getLogger(PointInTimeDisks.class.getName());

    /** Mounts an exported device as a view (see DiskContentSource). */
    @FunctionalInterface
    interface Mounter {
        ContentView mount(ContentLocation location, BlockDevice device, Instant takenAt, String note) throws IOException;
    }

    private PointInTimeDisks() {
    }

    static Optional<ContentView> open(ContentLocation location, List<HypervisorConnection> connections,
            NetworkBlockDevices nbd, Mounter mounter) throws IOException {
        String connectionId = location.attributes().get("connection");
        String uuid = location.attributes().get("uuid");
        String target = location.attributes().get("target");
        if (nbd == null || connectionId == null || uuid == null || target == null) {
            return Optional.empty();
        }
        HypervisorConnection connection = connections.stream().filter(c -> c.id().equals(connectionId)).findFirst()
                .orElse(null);
        if (connection == null) {
            return Optional.empty();
        }
        DiskExport export;
        try {
            export = connection.exportPointInTime(uuid);
        } catch (HypervisorException e) {
            LOG.log(e.kind() == HypervisorException.Kind.NOT_SUPPORTED ? Level.FINE : Level.WARNING,
                    "no point-in-time view of " + location.sourceId() + ", reading its disk live: " + e.getMessage());
            return Optional.empty();
        }
        if (!export.targets().contains(target)) {
            closeQuietly(export); // a disk the VM does not write (read-only) is read from its file
            return Optional.empty();
        }
        BlockDevice device;
        try {
            device = new ExportedDevice(nbd.open(export.socket(), export.exportName(target)), export);
        } catch (IOException | RuntimeException e) {
            closeQuietly(export);
            throw new org.deskplane.content.api.ContentException(
                    org.deskplane.content.api.ContentException.Reason.UNAVAILABLE,
                    "the point-in-time view of " + location.sourceId() + " could not be read: " + e.getMessage(), e);
        }
        String note = "point-in-time view of the running desktop's disk taken "
                + export.takenAt().truncatedTo(ChronoUnit.SECONDS)
                + (export.quiesced() ? " with its file systems frozen" : " (crash-consistent: the guest agent could not freeze its file systems)")
                + "; later changes show when the view is reopened";
        return Optional.of(mounter.mount(location, device, export.takenAt(), note));
    }

    static void closeQuietly(DiskExport export) {
        try {
            export.close();
        } catch (HypervisorException e) {
            LOG.log(Level.FINE, "ending " + export + ": " + e.getMessage());
        }
    }

    /** The exported disk; closing it disconnects and releases the export. */
    private record ExportedDevice(BlockDevice device, DiskExport export) implements BlockDevice {
        @Override
        public long size() {
            return device.size();
        }

        @Override
        public void read(long offset, byte[] buffer, int bufferOffset, int length) throws IOException {
            device.read(offset, buffer, bufferOffset, length);
        }

        @Override
        public String describe() {
            return export + " (" + device.describe() + ")";
        }

        @Override
        public void close() throws IOException {
            try {
                device.close();
            } finally {
                closeQuietly(export);
            }
        }
    }
}
