package org.deskplane.content.guestfs.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.deskplane.content.api.ContentException;
import org.deskplane.content.api.ContentException.Reason;

/**
 * Boots the helper VM and mounts every file system it finds, read-only: one on "/", several each on
 * "/&lt;volume&gt;" (made with mkmountpoint, which must happen before anything is mounted).
 */
final class GuestMounter {

    /** What list-filesystems reports that is no file system to show. */
    private static final Set<String> NOT_MOUNTABLE = Set.of("unknown", "swap", "");

    private final GuestfishSession session;
    private final GuestfsLimits limits;

    GuestMounter(GuestfishSession session, GuestfsLimits limits) {
        this.session = session;
        this.limits = limits;
    }

    /** Starts the helper VM. */
    void launch(String sourceId) throws IOException {
        GuestfishSession.Result launch = session.run(List.of("run"), limits.launchTimeout(), 1 << 20);
        if (launch.failed()) {
            throw new ContentException(Reason.UNAVAILABLE, "the libguestfs helper VM did not start for " + sourceId
                    + ": " + StructOutput.abbreviate(launch.errorText()));
        }
    }

    /** The volume names mounted (one name, "", when the single file system is the root); after {@link #launch}. */
    List<String> mountAll(String sourceId) throws IOException {
        GuestfishSession.Result found = session.run(List.of("list-filesystems"), limits.commandTimeout(), 1 << 20);
        if (found.failed()) {
            throw new ContentException(Reason.UNREADABLE, "libguestfs cannot list the file systems of " + sourceId
                    + ": " + StructOutput.abbreviate(found.errorText()));
        }
        Map<String, String> devices = new LinkedHashMap<>();
        for (String line : found.text().split("\n")) {
            int colon = line.lastIndexOf(": ");
            if (line.isBlank() || colon <= 0) {
                continue;
            }
            String device = line.substring(0, colon);
            String type = line.substring(colon + 2).trim();
            // btrfs subvolumes are reachable through their file system's own mount
            if (!NOT_MOUNTABLE.contains(type) && device.startsWith("/dev/") && devices.size() < 64) {
                devices.put(device, volumeName(device));
            }
        }
        if (devices.isEmpty()) {
            throw new ContentException(Reason.UNREADABLE, "no file system that libguestfs can read on the disk of "
                    + sourceId);
        }
        if (devices.size() == 1) {
            String device = devices.keySet().iterator().next();
            mount(device, "/", sourceId);
            return List.of("");
        }
        List<String> names = new ArrayList<>();
        for (String name : devices.values()) {
            check(session.run(List.of("mkmountpoint " + GuestfishSession.quote("/" + name)), limits.commandTimeout(),
                    65536), "cannot make a mount point for " + name + " of " + sourceId);
        }
        for (Map.Entry<String, String> device : devices.entrySet()) {
            GuestfishSession.Result result = session.run(List.of("mount-ro " + GuestfishSession.quote(device.getKey())
                    + " " + GuestfishSession.quote("/" + device.getValue())), limits.commandTimeout(), 65536);
            if (!result.failed()) {
                names.add(device.getValue());
            }
        }
        if (names.isEmpty()) {
            throw new ContentException(Reason.UNREADABLE, "libguestfs found file systems on the disk of " + sourceId
                    + " but could mount none");
        }
        return names;
    }

    private void mount(String device, String at, String sourceId) throws IOException {
        check(session.run(List.of("mount-ro " + GuestfishSession.quote(device) + " " + GuestfishSession.quote(at)),
                limits.commandTimeout(), 65536), "libguestfs cannot mount " + device + " of " + sourceId);
    }

    private static void check(GuestfishSession.Result result, String problem) throws ContentException {
        if (result.failed()) {
            throw new ContentException(Reason.UNREADABLE, problem + ": " + StructOutput.abbreviate(result.errorText()));
        }
    }

    /** /dev/sda → disk, /dev/sda2 → part2, /dev/vg/root → vg-root (safe as a single path segment). */
    static String volumeName(String device) {
        String rest = device.substring("/dev/".length());
        if (rest.matches("[sv]d[a-z]")) {
            return "disk";
        }
        if (rest.matches("[sv]da\\d+")) {
            return "part" + rest.substring(3);
        }
        String name = rest.replaceAll("[^A-Za-z0-9._-]", "-");
        return name.isEmpty() || name.startsWith(".") ? "volume-" + Integer.toHexString(device.hashCode()) : name;
    }
}
