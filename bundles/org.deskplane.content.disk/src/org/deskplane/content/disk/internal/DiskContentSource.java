package org.deskplane.content.disk.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.deskplane.content.api.ContentException;
import org.deskplane.content.api.ContentException.Reason;
import org.deskplane.content.api.ContentLocation;
import org.deskplane.content.api.ContentSource;
import org.deskplane.content.api.ContentView;
import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.BlockDevices;
import org.deskplane.disk.api.DiskFormatException;
import org.deskplane.disk.api.DiskImages;
import org.deskplane.disk.api.FileSystem;
import org.deskplane.disk.api.NetworkBlockDevices;
import org.deskplane.disk.api.FileSystemType;
import org.deskplane.disk.api.Partition;
import org.deskplane.disk.api.PartitionTableType;
import org.deskplane.hypervisor.api.HypervisorConnection;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Mounts a virtual disk read-only: image → partitions → file systems → a {@link DiskView}. A running VM's disk is
 * read from a point-in-time export its hypervisor makes ({@link PointInTimeDisks}), never from the file the VM is
 * writing, unless no export can be had (then live, with a note saying it may be inconsistent).
 */
@Component(property = ContentSource.BACKEND_PROPERTY + "=disk")
public final class DiskContentSource implements ContentSource {

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile DiskImages images;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<PartitionTableType> partitionTables;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<FileSystemType> fileSystems;

    /** Reads what no in-process file system recognises (xfs, btrfs, LVM…) in a helper VM, when installed. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(" + ContentSource.BACKEND_PROPERTY + "=guestfs)")
    private volatile ContentSource guestfs;

    /** The hosts whose running VMs can export point-in-time views of their disks. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<HypervisorConnection> connections;

    /** Reads those exports; without it a running VM's disk is read live. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile NetworkBlockDevices nbd;

    @Override
    public ContentView open(ContentLocation location) throws IOException {
        Path image = Path.of(location.require("image"));
        if (!Files.isRegularFile(image)) {
            throw new ContentException(Reason.UNAVAILABLE, location.sourceId() + ": its disk image " + image
                    + " is not there");
        }
        if (Boolean.parseBoolean(location.attributes().getOrDefault("live", "false"))) {
            Optional<ContentView> pointInTime = PointInTimeDisks.open(location, connections, nbd, this::mountExported);
            if (pointInTime.isPresent()) {
                return pointInTime.get();
            }
        }
        String format = location.attributes().getOrDefault("format", "");
        BlockDevice disk;
        try {
            disk = format.isBlank() ? images.open(image) : images.open(image, format);
        } catch (DiskFormatException e) {
            throw new ContentException(Reason.UNREADABLE, "the disk image of " + location.sourceId() + " cannot be read: "
                    + e.getMessage(), e);
        }
        String note = Boolean.parseBoolean(location.attributes().getOrDefault("live", "false"))
                ? "live read of a running desktop's disk (no point-in-time view available): may be inconsistent" : "";
        return mount(location, disk, Files.getLastModifiedTime(image).toInstant(), image.toString(), note, true);
    }

    private ContentView mountExported(ContentLocation location, BlockDevice disk, java.time.Instant takenAt,
            String note) throws IOException {
        // the helper VM reads image files, not the export: it would not show the same point in time
        return mount(location, disk, takenAt, disk.describe(), note, false);
    }

    /** Finds the volumes of {@code disk} and shows them; the view owns (and closes) the device. */
    private ContentView mount(ContentLocation location, BlockDevice disk, java.time.Instant modified, String describe,
            String note, boolean helperVmAllowed) throws IOException {
        try {
            List<DiskView.Volume> volumes = volumes(disk);
            ContentSource fallback = guestfs;
            if (volumes.isEmpty() && fallback != null && helperVmAllowed && !blank(disk)) {
                disk.close();
                return fallback.open(location);
            }
            if (volumes.isEmpty()) {
                throw new ContentException(Reason.UNREADABLE, "no file system on the disk of " + location.sourceId()
                        + " that this server can read (" + disk.describe() + ")");
            }
            return new DiskView(disk, volumes, modified, describe, note, root(location));
        } catch (IOException | RuntimeException e) {
            disk.close();
            if (e instanceof DiskFormatException) {
                throw new ContentException(Reason.UNREADABLE, location.sourceId() + ": " + e.getMessage(), e);
            }
            throw e;
        }
    }

    /** How far into a disk {@link #blank} looks: past every label a helper VM could find (btrfs's is at 64 KiB). */
    static final int BLANK_PROBE_BYTES = 1 << 20;

    /**
     * Whether the start of the disk is all zeros: no partition table, no file system or volume label of any kind
     * (xfs, btrfs, LVM and the rest keep theirs in the first 64 KiB). The libguestfs helper VM would find nothing
     * there either, and starting it costs seconds of CPU (a minute under TCG): an empty or never-formatted disk
     * is answered at once instead.
     */
    static boolean blank(BlockDevice disk) throws IOException {
        int length = (int) Math.min(BLANK_PROBE_BYTES, disk.size());
        byte[] start = new byte[length];
        disk.read(0, start, 0, length);
        for (byte b : start) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** The folder shown as the root ("/" = the whole volume): normalised, no "." or "..". */
    private static String root(ContentLocation location) throws ContentException {
        String root = location.attributes().getOrDefault("root", "/").strip();
        if (root.isEmpty() || root.equals("/")) {
            return "/";
        }
        StringBuilder out = new StringBuilder();
        for (String segment : root.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw new ContentException(Reason.INVALID, location.sourceId() + ": content root '" + root + "' is not allowed");
            }
            out.append('/').append(segment);
        }
        return out.length() == 0 ? "/" : out.toString();
    }

    /** Every readable volume: each partition of the first table found, else the whole disk. */
    private List<DiskView.Volume> volumes(BlockDevice disk) throws IOException {
        List<DiskView.Volume> volumes = new ArrayList<>();
        // GPT before MBR: a GPT disk's protective MBR is not a table of its own
        List<PartitionTableType> tables = new ArrayList<>(partitionTables);
        tables.sort((a, b) -> a.name().equals("gpt") ? -1 : b.name().equals("gpt") ? 1 : 0);
        for (PartitionTableType table : tables) {
            Optional<List<Partition>> partitions = table.read(disk);
            if (partitions.isPresent()) {
                for (Partition partition : partitions.get()) {
                    BlockDevice volume = BlockDevices.slice(disk, partition.offset(), partition.length(),
                            "partition " + partition.number());
                    mount(volume).ifPresent(fs -> volumes.add(new DiskView.Volume("part" + partition.number(), fs)));
                }
                return volumes;
            }
        }
        mount(disk).ifPresent(fs -> volumes.add(new DiskView.Volume("disk", fs)));
        return volumes;
    }

    private Optional<FileSystem> mount(BlockDevice volume) throws IOException {
        for (FileSystemType type : fileSystems) {
            boolean recognised;
            try {
                recognised = type.probe(volume);
            } catch (DiskFormatException e) {
                recognised = false;
            }
            if (recognised) {
                return Optional.of(type.open(volume));
            }
        }
        return Optional.empty();
    }
}
