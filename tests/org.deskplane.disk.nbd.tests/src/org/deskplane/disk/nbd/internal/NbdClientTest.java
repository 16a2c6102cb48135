package org.deskplane.disk.nbd.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.NetworkBlockDevices;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The NBD client against a real server ({@code qemu-nbd} serving a qcow2 image): every byte equals the image's
 * guest-visible contents, concurrent readers share the device, and a server that is gone, refuses, or speaks
 * nonsense gives a clear IOException in bounded time.
 */
class NbdClientTest {
    private static final int SIZE = 6 * 1024 * 1024 + 12_345 * 512;

    @TempDir
    static Path directory;
    private static byte[] contents;
    private static Path qcow2;

    @BeforeAll
    static void image() throws Exception {
        contents = new byte[SIZE];
        new Random(4711).nextBytes(contents);
        Arrays.fill(contents, 1 << 20, 2 << 20, (byte) 0); // a hole qcow2 leaves unallocated
        Path raw = directory.resolve("disk.raw");
        Files.write(raw, contents);
        qcow2 = directory.resolve("disk.qcow2");
        run("qemu-img", "convert", "-f", "raw", "-O", "qcow2", raw.toString(), qcow2.toString());
    }

    @Test
    void readsTheImageThroughTheServiceExactly() throws Exception {
        try (QemuNbdServer server = new QemuNbdServer(qcow2, "qcow2", "vda", directory.resolve("a.sock"));
                BlockDevice device = service().open(server.socket, "vda")) {
            assertEquals(SIZE, device.size());
            byte[] all = new byte[SIZE];
            device.read(0, all, 0, SIZE); // several requests: more than one MiB
            assertArrayEquals(contents, all);
            Random random = new Random(1);
            for (int i = 0; i < 200; i++) {
                int length = random.nextInt(70_000);
                long offset = random.nextLong(SIZE - length + 1);
                byte[] part = new byte[length + 10];
                device.read(offset, part, 10, length);
                assertArrayEquals(Arrays.copyOfRange(contents, (int) offset, (int) offset + length),
                        Arrays.copyOfRange(part, 10, length + 10), "at " + offset);
            }
            assertTrue(device.describe().contains("vda"), device.describe());
        }
    }

    @Test
    void concurrentReadersGetTheirOwnBytes() throws Exception {
        try (QemuNbdServer server = new QemuNbdServer(qcow2, "qcow2", "vda", directory.resolve("b.sock"));
                BlockDevice device = service().open(server.socket, "vda")) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> readers = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    long seed = t;
                    readers.add(pool.submit(() -> {
                        Random random = new Random(seed);
                        for (int i = 0; i < 100; i++) {
                            int length = 1 + random.nextInt(200_000);
                            int offset = random.nextInt(SIZE - length);
                            byte[] part = new byte[length];
                            device.read(offset, part, 0, length);
                            assertArrayEquals(Arrays.copyOfRange(contents, offset, offset + length), part);
                        }
                        return null;
                    }));
                }
                for (Future<?> reader : readers) {
                    reader.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aReadBeyondTheEndIsRefusedAndTheDeviceStaysUsable() throws Exception {
        try (QemuNbdServer server = new QemuNbdServer(qcow2, "qcow2", "vda", directory.resolve("c.sock"));
                BlockDevice device = service().open(server.socket, "vda")) {
            assertThrows(EOFException.class, () -> device.read(SIZE - 10, new byte[20], 0, 20));
            byte[] last = new byte[10];
            device.read(SIZE - 10, last, 0, 10);
            assertArrayEquals(Arrays.copyOfRange(contents, SIZE - 10, SIZE), last);
        }
    }

    @Test
    void anUnknownExportIsRefusedWithTheServersReason() throws Exception {
        try (QemuNbdServer server = new QemuNbdServer(qcow2, "qcow2", "vda", directory.resolve("d.sock"))) {
            IOException refused = assertThrows(IOException.class, () -> service().open(server.socket, "vdz"));
            assertTrue(refused.getMessage().contains("vdz") && refused.getMessage().contains("refused"), refused.getMessage());
        }
    }

    @Test
    void aServerThatDiesFailsTheNextReadClearly() throws Exception {
        QemuNbdServer server = new QemuNbdServer(qcow2, "qcow2", "vda", directory.resolve("e.sock"));
        try (BlockDevice device = service().open(server.socket, "vda")) {
            device.read(0, new byte[512], 0, 512);
            server.kill();
            IOException gone = assertThrows(IOException.class, () -> device.read(4096, new byte[512], 0, 512));
            assertTrue(gone.getMessage().contains("NBD"), gone.getMessage());
        } finally {
            server.close();
        }
    }

    @Test
    void noServerAtAllIsAClearError() {
        IOException missing = assertThrows(IOException.class, () -> service().open(directory.resolve("none.sock"), "vda"));
        assertTrue(missing.getMessage().contains("none.sock"), missing.getMessage());
    }

    @Test
    void malformedHandshakesAreRefusedInBoundedTime() throws Exception {
        assertRefused(ascii("HTTP/1.1 400 Bad Request\r\n\r\n"), "not an NBD server");
        assertRefused(greeting(NbdConnection.OLDSTYLE_MAGIC, 0), "old-style");
        assertRefused(greeting(NbdConnection.IHAVEOPT, 0), "fixed newstyle");
        // an option reply announcing 2 GiB of data: refused before reading or allocating it
        assertRefused(concat(greeting(NbdConnection.IHAVEOPT, 3),
                optionReply(NbdConnection.OPT_GO, NbdConnection.REP_INFO, Integer.MAX_VALUE)), "more than");
        // an export of negative size
        ByteBuffer info = ByteBuffer.allocate(12).putShort((short) 0).putLong(-5).putShort((short) 1);
        assertRefused(concat(greeting(NbdConnection.IHAVEOPT, 3),
                optionReply(NbdConnection.OPT_GO, NbdConnection.REP_INFO, 12), info.array()), "negative");
        // ACK without the export's size
        assertRefused(concat(greeting(NbdConnection.IHAVEOPT, 3),
                optionReply(NbdConnection.OPT_GO, NbdConnection.REP_ACK, 0)), "size");
        // a greeting and then silence: the deadline ends the wait
        assertRefused(greeting(NbdConnection.IHAVEOPT, 3), "within");
    }

    @Test
    void aReplyToAnotherRequestIsRefused() throws Exception {
        ByteBuffer info = ByteBuffer.allocate(12).putShort((short) 0).putLong(4096).putShort((short) 1);
        ByteBuffer wrongReply = ByteBuffer.allocate(16).putInt(NbdConnection.SIMPLE_REPLY_MAGIC).putInt(0).putLong(99);
        byte[] script = concat(greeting(NbdConnection.IHAVEOPT, 3),
                optionReply(NbdConnection.OPT_GO, NbdConnection.REP_INFO, 12), info.array(),
                optionReply(NbdConnection.OPT_GO, NbdConnection.REP_ACK, 0), wrongReply.array());
        try (FakeNbdServer fake = new FakeNbdServer(directory.resolve("wrong.sock"), script);
                NbdConnection connection = NbdConnection.open(fake.socket, "vda", Duration.ofSeconds(2))) {
            assertEquals(4096, connection.size());
            IOException wrong = assertThrows(IOException.class, () -> connection.read(0, new byte[512], 0, 512));
            assertTrue(wrong.getMessage().contains("request 99"), wrong.getMessage());
        }
    }

    /** Seeded mutations of a valid handshake and reply: each ends in success or an IOException, never anything else. */
    @Test
    void mutatedServerBytesNeverEscapeAsOtherErrors() throws Exception {
        ByteBuffer info = ByteBuffer.allocate(12).putShort((short) 0).putLong(8192).putShort((short) 1);
        ByteBuffer reply = ByteBuffer.allocate(16 + 512).putInt(NbdConnection.SIMPLE_REPLY_MAGIC).putInt(0).putLong(1);
        byte[] valid = concat(greeting(NbdConnection.IHAVEOPT, 3),
                optionReply(NbdConnection.OPT_GO, NbdConnection.REP_INFO, 12), info.array(),
                optionReply(NbdConnection.OPT_GO, NbdConnection.REP_ACK, 0), reply.array());
        Random random = new Random(20261122);
        for (int i = 0; i < 150; i++) {
            byte[] mutated = valid.clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                mutated[random.nextInt(mutated.length)] ^= (byte) (1 + random.nextInt(255));
            }
            if (random.nextInt(5) == 0) {
                mutated = Arrays.copyOf(mutated, random.nextInt(mutated.length));
            }
            try (FakeNbdServer fake = new FakeNbdServer(directory.resolve("fuzz.sock"), mutated)) {
                try (NbdConnection connection = NbdConnection.open(fake.socket, "vda", Duration.ofMillis(300))) {
                    connection.read(0, new byte[512], 0, 512);
                } catch (IOException expected) {
                    // the point: a clear IOException, nothing else
                }
            }
        }
    }

    private void assertRefused(byte[] script, String expected) throws Exception {
        try (FakeNbdServer fake = new FakeNbdServer(directory.resolve("fake.sock"), script)) {
            long started = System.nanoTime();
            IOException refused = assertThrows(IOException.class,
                    () -> NbdConnection.open(fake.socket, "vda", Duration.ofSeconds(1)).close());
            assertTrue(refused.getMessage().contains(expected), expected + " expected in: " + refused.getMessage());
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(20), "bounded time");
        }
    }

    private static byte[] greeting(long second, int flags) {
        return ByteBuffer.allocate(18).putLong(NbdConnection.NBDMAGIC).putLong(second).putShort((short) flags).array();
    }

    private static byte[] optionReply(int option, int type, int length) {
        return ByteBuffer.allocate(20).putLong(NbdConnection.OPTION_REPLY_MAGIC).putInt(option).putInt(type)
                .putInt(length).array();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        ByteBuffer all = ByteBuffer.allocate(length);
        for (byte[] part : parts) {
            all.put(part);
        }
        return all.array();
    }

    private static NetworkBlockDevices service() throws InterruptedException {
        var context = FrameworkUtil.getBundle(NbdClientTest.class).getBundleContext();
        ServiceTracker<NetworkBlockDevices, NetworkBlockDevices> tracker = new ServiceTracker<>(context,
                NetworkBlockDevices.class, null);
        tracker.open();
        NetworkBlockDevices service = tracker.waitForService(30_000);
        assertTrue(service != null, "no NetworkBlockDevices service");
        return service;
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, String.join(" ", command) + ": " + output);
    }
}
