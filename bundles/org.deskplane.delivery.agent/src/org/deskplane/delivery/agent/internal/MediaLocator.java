package org.deskplane.delivery.agent.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * Finds the disc carrying a payload by its ISO 9660 volume label. Candidates are the block devices the kernel lists
 * in {@code /sys/block} whose names are CD-ROMs or disks ({@code sr*}, {@code vd*}, {@code sd*}, {@code hd*}) as
 * {@code /dev/<name>}, or a configured list (tests give image files). A hot-inserted disc takes a moment to show, so
 * the scan is repeated until a deadline.
 */
final class MediaLocator {
    private static final Pattern DEVICE = Pattern.compile("(sr|vd|sd|hd|xvd)[a-z0-9]{1,8}");
    private static final long POLL_MILLIS = 500;
    private final Path sysBlock;
    private final List<Path> devices;

    MediaLocator(Path sysBlock, List<Path> devices) {
        this.sysBlock = sysBlock;
        this.devices = List.copyOf(devices);
    }

    /** The devices that could hold a disc now. */
    List<Path> candidates() {
        if (!devices.isEmpty()) {
            return devices;
        }
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(sysBlock)) {
            for (Path p : dir) {
                String name = p.getFileName().toString();
                if (DEVICE.matcher(name).matches()) {
                    found.add(Path.of("/dev", name));
                }
            }
        } catch (IOException e) {
            // no /sys/block (not Linux): no candidates
        }
        found.sort(null);
        return found;
    }

    /** The first device whose label is {@code label} (compared trimmed; either the primary or the Joliet label). */
    Optional<Path> findNow(String label) {
        String wanted = label.trim();
        for (Path device : candidates()) {
            if (VolumeLabels.of(device).contains(wanted)) {
                return Optional.of(device);
            }
        }
        return Optional.empty();
    }

    /** Looks until the device shows or the deadline passes or {@code stop} says so. */
    Optional<Path> find(String label, Instant deadline, BooleanSupplier stop) throws InterruptedException {
        while (true) {
            Optional<Path> device = findNow(label);
            if (device.isPresent() || stop.getAsBoolean() || !Instant.now().isBefore(deadline)) {
                return device;
            }
            Thread.sleep(POLL_MILLIS); // polling: without udev there is no event to wait for
        }
    }
}
