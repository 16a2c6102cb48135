package org.deskplane.vmdiff.qcow2.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.deskplane.vmdiff.qcow2.ClusterEntry;
import org.deskplane.vmdiff.qcow2.ClusterKind;

/** Runs Debian's qemu-img / qemu-io and reads their answers. */
final class Qemu {

    private static final Pattern MAP_OBJECT = Pattern.compile("\\{([^}]*)\\}");

    private Qemu() {
    }

    /** Runs a command in {@code dir}, failing the test with its output when it exits non-zero. */
    static String run(Path dir, String... command) {
        Result result = exec(dir, command);
        if (result.exitCode() != 0) {
            fail(String.join(" ", command) + " exited " + result.exitCode() + ":\n" + result.output());
        }
        return result.output();
    }

    record Result(int exitCode, String output) {
    }

    static Result exec(Path dir, String... command) {
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("cannot run " + String.join(" ", command), e);
        }
    }

    /** Runs qemu-io commands (each one a {@code -c}) on a qcow2 image. */
    static void io(Path image, String... commands) {
        List<String> command = new ArrayList<>(List.of("qemu-io", "-f", "qcow2"));
        for (String c : commands) {
            command.add("-c");
            command.add(c);
        }
        command.add(image.getFileName().toString());
        String output = run(image.getParent(), command.toArray(String[]::new));
        if (output.contains("error") || output.contains("failed")) {
            fail("qemu-io " + String.join("; ", commands) + ":\n" + output);
        }
    }

    /** Creates a raw base image filled with a pattern, so that an overlay's clusters differ from it. */
    static Path rawBase(Path dir, String name, long size) {
        run(dir, "qemu-img", "create", "-q", "-f", "raw", name, Long.toString(size));
        run(dir, "qemu-io", "-f", "raw", "-c", "write -P 0x11 0 " + size, name);
        return dir.resolve(name);
    }

    /** Creates an overlay of {@code base} (format {@code baseFormat}) with extra {@code -o} options. */
    static Path overlay(Path base, String baseFormat, String name, String options) {
        List<String> command = new ArrayList<>(List.of("qemu-img", "create", "-q", "-f", "qcow2", "-b",
                base.getFileName().toString(), "-F", baseFormat));
        if (!options.isEmpty()) {
            command.add("-o");
            command.add(options);
        }
        command.add(name);
        run(base.getParent(), command.toArray(String[]::new));
        return base.resolveSibling(name);
    }

    /**
     * What qemu-img map says the top layer itself holds: clusters with depth 0 that are present, DATA when qemu
     * says data, ZERO when it says zero without data.
     */
    static List<ClusterEntry> topLayer(Path image, int clusterSize) {
        String json = run(image.getParent(), "qemu-img", "map", "--output=json", image.getFileName().toString());
        TreeMap<Long, ClusterKind> clusters = new TreeMap<>();
        Matcher objects = MAP_OBJECT.matcher(json);
        while (objects.find()) {
            String object = objects.group(1);
            if (number(object, "depth") != 0 || !flag(object, "present")) {
                continue;
            }
            ClusterKind kind = flag(object, "data") ? ClusterKind.DATA : ClusterKind.ZERO;
            long start = number(object, "start");
            long end = start + number(object, "length");
            for (long index = start / clusterSize; index < Math.ceilDiv(end, clusterSize); index++) {
                clusters.put(index, kind);
            }
        }
        return clusters.entrySet().stream().map(e -> new ClusterEntry(e.getKey(), e.getValue())).toList();
    }

    private static long number(String object, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":\\s*(\\d+)").matcher(object);
        if (!m.find()) {
            fail("qemu-img map entry without " + key + ": " + object);
        }
        return Long.parseLong(m.group(1));
    }

    private static boolean flag(String object, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":\\s*(true|false)").matcher(object);
        if (!m.find()) {
            fail("qemu-img map entry without " + key + ": " + object);
        }
        return Boolean.parseBoolean(m.group(1));
    }

    /** qemu-img check finds no errors and no leaks (exit code 0 and qemu's own words). */
    static void assertCheckClean(Path image) {
        String output = run(image.getParent(), "qemu-img", "check", "-f", "qcow2", image.getFileName().toString());
        if (!output.contains("No errors were found on the image.")) {
            fail("qemu-img check of " + image + ":\n" + output);
        }
    }

    /** qemu-img compare says the two qcow2 images (each read through its backing chain) are identical. */
    static void assertIdentical(Path a, Path b) {
        assertIdentical(a, "qcow2", b, "qcow2");
    }

    static void assertIdentical(Path a, String formatA, Path b, String formatB) {
        String output = run(a.getParent(), "qemu-img", "compare", "-f", formatA, "-F", formatB, a.toString(),
                b.toString());
        if (!output.contains("Images are identical.")) {
            fail("qemu-img compare " + a + " " + b + ":\n" + output);
        }
    }
}
