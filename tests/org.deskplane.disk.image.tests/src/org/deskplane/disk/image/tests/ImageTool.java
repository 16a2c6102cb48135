package org.deskplane.disk.image.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.deskplane.disk.api.BlockDevice;

/** Runs qemu-img/qemu-io, makes seeded random raw images and compares devices with files. */
final class ImageTool {

    private ImageTool() {
    }

    /** Runs a command, failing the test with its output when it exits non-zero. */
    static String run(Path dir, String... command) {
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish");
            }
            if (process.exitValue() != 0) {
                fail(String.join(" ", command) + " exited " + process.exitValue() + ":\n" + output);
            }
            return output;
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("cannot run " + String.join(" ", command), e);
        }
    }

    static boolean hasQemuIo() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, "qemu-io"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A raw image of {@code size} bytes: seeded random data with zero ranges and holes (unwritten ranges) of
     * random lengths, so that converted images have unallocated and zero clusters next to data.
     */
    static Path randomRaw(Path file, long size, long seed) throws IOException {
        Random random = new Random(seed);
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.setLength(size);
            long at = 0;
            byte[] chunk = new byte[1 << 16];
            while (at < size) {
                int length = (int) Math.min(size - at, 1 + random.nextInt(300_000));
                int kind = random.nextInt(3);
                if (kind == 0) {
                    out.seek(at);
                    for (int done = 0; done < length; ) {
                        int n = Math.min(chunk.length, length - done);
                        random.nextBytes(chunk);
                        out.write(chunk, 0, n);
                        done += n;
                    }
                }
                // kind 1: a hole; kind 2: zeros already there from setLength
                at += length;
            }
        }
        return file;
    }

    /** qemu's own view of an image's guest bytes. */
    static Path qemuRaw(Path image, Path out) {
        run(image.getParent(), "qemu-img", "convert", "-O", "raw", image.toString(), out.toString());
        return out;
    }

    /** qemu's view of an image read as {@code format} (qemu, too, probes a fixed VHD as raw). */
    static Path qemuRaw(Path image, String format, Path out) {
        run(image.getParent(), "qemu-img", "convert", "-f", format, "-O", "raw", image.toString(), out.toString());
        return out;
    }

    static String sha256(BlockDevice device) throws IOException {
        MessageDigest digest = sha();
        byte[] buffer = new byte[1 << 20];
        for (long at = 0; at < device.size(); ) {
            int n = (int) Math.min(buffer.length, device.size() - at);
            device.read(at, buffer, 0, n);
            digest.update(buffer, 0, n);
            at += n;
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = sha();
        byte[] buffer = new byte[1 << 20];
        try (var in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The device equals {@code expected} (a raw file): same size, same SHA-256, and {@code reads} random reads of
     * random lengths (many crossing cluster/grain boundaries) return the same bytes.
     */
    static void assertSameBytes(Path expected, BlockDevice device, long seed, int reads) throws IOException {
        assertEquals(Files.size(expected), device.size(), "size of " + device.describe());
        assertEquals(sha256(expected), sha256(device), "SHA-256 of " + device.describe());
        Random random = new Random(seed);
        try (RandomAccessFile file = new RandomAccessFile(expected.toFile(), "r")) {
            for (int i = 0; i < reads; i++) {
                int length = 1 + random.nextInt((int) Math.min(300_000, device.size()));
                long offset;
                if (random.nextBoolean()) {
                    // straddle a 512-byte multiple: every cluster/grain/block boundary is one
                    long boundary = (random.nextLong(device.size() / 512) + 1) * 512;
                    offset = Math.max(0, boundary - 1 - random.nextInt(length));
                } else {
                    offset = random.nextLong(device.size());
                }
                length = (int) Math.min(length, device.size() - offset);
                byte[] actual = new byte[length + 2];
                device.read(offset, actual, 1, length);
                byte[] wanted = new byte[length + 2];
                file.seek(offset);
                file.readFully(wanted, 1, length);
                assertArrayEquals(wanted, actual, "read of " + length + " at " + offset + " of " + device.describe());
            }
        }
    }

    /** The first {@code length} bytes of two files are equal (a converted image may be rounded up in size). */
    static void assertPrefixEquals(Path source, Path converted) throws IOException {
        long size = Files.size(source);
        try (RandomAccessFile a = new RandomAccessFile(source.toFile(), "r");
                RandomAccessFile b = new RandomAccessFile(converted.toFile(), "r")) {
            byte[] x = new byte[1 << 20];
            byte[] y = new byte[1 << 20];
            for (long at = 0; at < size; at += x.length) {
                int n = (int) Math.min(x.length, size - at);
                a.seek(at);
                a.readFully(x, 0, n);
                b.seek(at);
                b.readFully(y, 0, n);
                for (int i = 0; i < n; i++) {
                    if (x[i] != y[i]) {
                        fail("converted image differs from its source at " + (at + i));
                    }
                }
            }
        }
    }

    static List<String> list(String... items) {
        return new ArrayList<>(List.of(items));
    }
}
