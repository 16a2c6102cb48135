package org.deskplane.disk.ext.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.BlockDevices;
import org.deskplane.disk.api.FileSystemType;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** The service under test, the e2fsprogs tools that make real images, and byte-level image edits. */
final class ExtTestSupport {

    private ExtTestSupport() {
    }

    /** The "ext4" FileSystemType service, waited for with a deadline. */
    static FileSystemType extService() throws InterruptedException {
        Bundle bundle = FrameworkUtil.getBundle(ExtTestSupport.class);
        BundleContext context = bundle.getBundleContext();
        ServiceTracker<FileSystemType, FileSystemType> tracker = new ServiceTracker<>(context, FileSystemType.class, null);
        tracker.open();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                for (FileSystemType type : tracker.getServices(new FileSystemType[0])) {
                    if ("ext4".equals(type.name())) {
                        return type;
                    }
                }
                tracker.waitForService(500);
            }
        } finally {
            tracker.close();
        }
        return fail("no FileSystemType service named ext4 within 30 s");
    }

    /** Runs a tool; fails the test with its output unless it exits with one of {@code okCodes}. */
    static String run(List<String> command, int... okCodes) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail(command + " did not finish");
        }
        int code = process.exitValue();
        String text = new String(output, StandardCharsets.UTF_8);
        int[] ok = okCodes.length == 0 ? new int[] { 0 } : okCodes;
        if (Arrays.stream(ok).noneMatch(c -> c == code)) {
            fail(command + " exited with " + code + ":\n" + text);
        }
        return text;
    }

    /** mkfs.{kind} -d source, then e2fsck -D so that large directories get htree indexes. */
    static Path makeImage(Path image, String kind, Path source, String size, String... options)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("mkfs." + kind, "-q", "-F", "-E", "root_owner=0:0"));
        command.addAll(List.of(options));
        command.addAll(List.of("-d", source.toString(), image.toString(), size));
        run(command);
        run(List.of("e2fsck", "-f", "-y", "-D", image.toString()), 0, 1);
        return image;
    }

    static String debugfs(Path image, String request) throws IOException, InterruptedException {
        return run(List.of("debugfs", "-R", request, image.toString()));
    }

    /** The byte offset of a path's inode in the image (from debugfs imap). */
    static long inodeOffset(Path image, String path, int blockSize) throws IOException, InterruptedException {
        String out = debugfs(image, "imap \"" + path + "\"");
        Matcher m = Pattern.compile("located at block (\\d+), offset 0x([0-9a-fA-F]+)").matcher(out);
        if (!m.find()) {
            fail("debugfs imap " + path + ": " + out);
        }
        return Long.parseLong(m.group(1)) * blockSize + Long.parseLong(m.group(2), 16);
    }

    /** The physical blocks of a path (data and map blocks), from debugfs blocks. */
    static List<Long> blocks(Path image, String path) throws IOException, InterruptedException {
        List<Long> blocks = blocksIfAny(image, path);
        if (blocks.isEmpty()) {
            fail("debugfs blocks " + path + ": no blocks");
        }
        return blocks;
    }

    /** The physical blocks of a path; none for inline data. */
    static List<Long> blocksIfAny(Path image, String path) throws IOException, InterruptedException {
        String out = debugfs(image, "blocks \"" + path + "\"");
        List<Long> blocks = new ArrayList<>();
        for (String token : out.trim().split("\\s+")) {
            if (token.matches("\\d+")) {
                blocks.add(Long.parseLong(token));
            }
        }
        return blocks;
    }

    static void putLe(byte[] image, long offset, long value, int bytes) {
        for (int i = 0; i < bytes; i++) {
            image[(int) offset + i] = (byte) (value >>> (8 * i));
        }
    }

    static void patch(Path image, long offset, long value, int bytes) throws IOException {
        try (var channel = java.nio.channels.FileChannel.open(image, java.nio.file.StandardOpenOption.WRITE)) {
            byte[] b = new byte[bytes];
            putLe(b, 0, value, bytes);
            channel.write(java.nio.ByteBuffer.wrap(b), offset);
        }
    }

    static BlockDevice open(Path image) throws IOException {
        BlockDevice device = BlockDevices.file(image);
        assertNotNull(device);
        return device;
    }

    /** An image held in memory, for the fuzz loop. */
    static BlockDevice memory(byte[] bytes) {
        return new BlockDevice() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public void read(long offset, byte[] buffer, int bufferOffset, int length) throws IOException {
                BlockDevices.checkRange(this, offset, length);
                System.arraycopy(bytes, (int) offset, buffer, bufferOffset, length);
            }

            @Override
            public String describe() {
                return "memory image";
            }

            @Override
            public void close() {
            }
        };
    }

    static byte[] readAll(Path file) throws IOException {
        return Files.readAllBytes(file);
    }

    static boolean isEof(Throwable t) {
        return t instanceof EOFException;
    }
}
