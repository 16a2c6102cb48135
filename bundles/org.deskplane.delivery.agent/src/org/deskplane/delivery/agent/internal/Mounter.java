package org.deskplane.delivery.agent.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Mounts a disc read-only on a private mount point and takes it away again. Unmounting retries a few times (a
 * script's leftover process may still hold the disc) and then detaches lazily, so the device can be ejected anyway.
 */
final class Mounter {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final Path MOUNTS = Path.of("/proc/self/mounts");
    private static final int UMOUNT_TRIES = 3;

    void mount(Path device, Path dir) throws IOException {
        Files.createDirectories(dir);
        Commands.Result r = Commands.run(List.of("mount", "-t", "iso9660", "-o", "ro", device.toString(), dir.toString()),
                COMMAND_TIMEOUT);
        if (!r.ok()) {
            throw new IOException("mount " + device + " on " + dir + " failed (" + r.exitCode() + "): " + r.output());
        }
    }

    /** Unmounts {@code dir} when something is mounted there and removes the (then empty) mount point. */
    void unmount(Path dir, Consumer<String> log) {
        for (int i = 0; i < UMOUNT_TRIES && isMounted(dir); i++) {
            Commands.Result r = Commands.run(List.of("umount", dir.toString()), COMMAND_TIMEOUT);
            if (!r.ok()) {
                log.accept("[agent] umount " + dir + " failed (" + r.exitCode() + "): " + r.output());
                pause();
            }
        }
        if (isMounted(dir)) {
            Commands.Result r = Commands.run(List.of("umount", "-l", dir.toString()), COMMAND_TIMEOUT);
            log.accept("[agent] lazy umount " + dir + (r.ok() ? "" : " failed: " + r.output()));
        }
        try {
            if (!isMounted(dir)) {
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            log.accept("[agent] could not remove mount point " + dir + ": " + e.getMessage());
        }
    }

    /** Whether a file system is mounted exactly at {@code dir} (by /proc/self/mounts; octal escapes as the kernel writes them). */
    static boolean isMounted(Path dir) {
        String wanted = dir.toAbsolutePath().normalize().toString().replace("\\", "\\134").replace(" ", "\\040")
                .replace("\t", "\\011").replace("\n", "\\012");
        try (var lines = Files.lines(MOUNTS)) {
            return lines.map(l -> l.split(" ")).anyMatch(f -> f.length > 1 && f[1].equals(wanted));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(500); // a process that held the disc is usually gone after a moment
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
