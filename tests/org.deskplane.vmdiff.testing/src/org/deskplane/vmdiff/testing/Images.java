package org.deskplane.vmdiff.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/** Real disk images made with Debian's qemu-img and qemu-io, for tests of VM differences to work on. */
public final class Images {

    private Images() {
    }

    /** A raw base of {@code mib} MiB of seeded random bytes (so clusters of the base never look alike). */
    public static Path base(Path dir, int mib, long seed) throws IOException {
        Path base = dir.resolve("base-" + seed + ".raw");
        byte[] block = new byte[1 << 20];
        Random random = new Random(seed);
        try (var out = Files.newOutputStream(base)) {
            for (int i = 0; i < mib; i++) {
                random.nextBytes(block);
                out.write(block);
            }
        }
        return base;
    }

    /** A new qcow2 overlay on the raw base, as a hypervisor host would create it. */
    public static Path overlay(Path base, Path overlay) throws Exception {
        run("qemu-img", "create", "-q", "-f", "qcow2", "-F", "raw", "-b", base.toString(), overlay.toString());
        return overlay;
    }

    /** Guest writes into the overlay: {@code qemu-io} commands such as {@code write -P 0xab 1M 64k}. */
    public static void write(Path overlay, String... commands) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("qemu-io", "-f", "qcow2"));
        for (String command : commands) {
            args.add("-c");
            args.add(command);
        }
        args.add(overlay.toString());
        run(args.toArray(String[]::new));
    }

    /** Whether two images read the same for the guest (each through its own backing chain). */
    public static String compare(Path a, Path b) throws Exception {
        return run("qemu-img", "compare", a.toString(), b.toString());
    }

    public static String check(Path image) throws Exception {
        return run("qemu-img", "check", image.toString());
    }

    /** A fake saved memory state: random blocks. */
    public static Path memory(Path file, int mib, long seed) throws IOException {
        byte[] bytes = new byte[mib << 20];
        new Random(seed).nextBytes(bytes);
        Files.write(file, bytes);
        return file;
    }

    public static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed:\n" + out);
        }
        return out;
    }
}
