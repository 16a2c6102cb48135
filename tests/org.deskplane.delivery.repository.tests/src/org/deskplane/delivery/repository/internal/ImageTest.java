package org.deskplane.delivery.repository.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

import org.deskplane.delivery.api.Payload;
import org.deskplane.delivery.api.PayloadFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageTest {

    @TempDir
    Path temp;

    /** The real ISO builder, counted, and held at a gate until the test opens it. */
    static final class GatedWriter implements ImageWriter {
        final AtomicInteger builds = new AtomicInteger();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch gate;

        GatedWriter(boolean open) {
            gate = new CountDownLatch(open ? 0 : 1);
        }

        @Override
        public void write(String label, Instant timestamp, Path tree, WritableByteChannel out, LongConsumer progress) throws IOException {
            builds.incrementAndGet();
            entered.countDown();
            try {
                if (!gate.await(60, TimeUnit.SECONDS)) {
                    throw new IOException("the test never opened the gate");
                }
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            new IsoBuilderImageWriter().write(label, timestamp, tree, out, progress);
        }
    }

    @Test
    void imageIsBuiltOnceReadableAndCarriesTheLabel() throws Exception {
        GatedWriter writer = new GatedWriter(true);
        FilePayloadRepository repository = new FilePayloadRepository(temp.resolve("repo"), ImportLimits.DEFAULTS, writer, Fixtures.CLOCK);
        Payload payload = repository.importDirectory(Fixtures.payloadFolder(temp.resolve("src"), "p", "1", ""));
        AtomicLong progress = new AtomicLong();

        Path image = repository.image(payload.ref(), progress::set);
        Path again = repository.image(payload.ref(), null);

        assertEquals(image, again);
        assertEquals(1, writer.builds.get(), "built once");
        assertEquals(temp.resolve("repo/p/1/image.iso"), image);
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(image)));
        assertEquals(Files.size(image), progress.get(), "progress reached the image size");
        Payload built = repository.find(payload.ref()).orElseThrow();
        assertEquals(Files.size(image), built.imageSize());
        assertEquals(Fixtures.sha256(image), built.imageSha256());

        String pvd = Fixtures.run("xorriso", "-indev", image.toString(), "-pvd_info");
        assertTrue(pvd.contains("Volume Id    : " + payload.volumeLabel()), pvd);
        assertEquals(payload.volumeLabel(), Fixtures.run("blkid", "-o", "value", "-s", "LABEL", image.toString()).strip());

        Path extracted = Files.createDirectories(temp.resolve("extracted"));
        Fixtures.run("bsdtar", "-xf", image.toString(), "-C", extracted.toString());
        for (PayloadFile file : payload.manifest().files()) {
            assertEquals(file.sha256(), Fixtures.sha256(extracted.resolve(file.path())), file.path());
        }
        assertEquals(Files.readString(repository.contentDirectory(payload.ref()).resolve("deskplane-payload.conf")),
                Files.readString(extracted.resolve("deskplane-payload.conf")));
        assertTrue(Files.isExecutable(extracted.resolve("install.sh")), "the script is executable on the disc");
    }

    @Test
    void theSameContentAndTimeGiveTheSameImage() throws Exception {
        Path source = Fixtures.payloadFolder(temp.resolve("src"), "p", "1", "");
        Payload a = Fixtures.repository(temp.resolve("a")).importDirectory(source);
        FilePayloadRepository b = Fixtures.repository(temp.resolve("b"));
        Payload bPayload = b.importDirectory(source);
        Fixtures.repository(temp.resolve("a")).image(a.ref(), null);
        b.image(bPayload.ref(), null);
        assertEquals(a.volumeLabel(), bPayload.volumeLabel());
        assertEquals(Fixtures.sha256(temp.resolve("a/p/1/image.iso")), Fixtures.sha256(temp.resolve("b/p/1/image.iso")));
    }

    @Test
    void concurrentCallersWaitForOneBuild() throws Exception {
        GatedWriter writer = new GatedWriter(false);
        FilePayloadRepository repository = new FilePayloadRepository(temp.resolve("repo"), ImportLimits.DEFAULTS, writer, Fixtures.CLOCK);
        Payload payload = repository.importDirectory(Fixtures.payloadFolder(temp.resolve("src"), "p", "1", ""));
        int callers = 8;
        List<Thread> threads = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(callers, r -> {
            Thread t = new Thread(r, "image-caller");
            synchronized (threads) {
                threads.add(t);
            }
            return t;
        });
        try {
            List<Future<Path>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(() -> repository.image(payload.ref(), null)));
            }
            assertTrue(writer.entered.await(30, TimeUnit.SECONDS), "a build started");
            // every other caller must come to wait for that build (not start its own): poll with a deadline
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (waiting(threads) < callers - 1) {
                if (System.nanoTime() > deadline) {
                    fail("callers did not all wait: " + waiting(threads) + ", builds " + writer.builds.get());
                }
                Thread.sleep(10);
            }
            writer.gate.countDown();
            for (Future<Path> result : results) {
                assertEquals(temp.resolve("repo/p/1/image.iso"), result.get(60, TimeUnit.SECONDS));
            }
            assertEquals(1, writer.builds.get(), "one build for all callers");
            assertEquals(payload.volumeLabel(), Fixtures.run("blkid", "-o", "value", "-s", "LABEL", temp.resolve("repo/p/1/image.iso").toString()).strip());
        } finally {
            writer.gate.countDown();
            pool.shutdownNow();
        }
    }

    private static int waiting(List<Thread> threads) {
        synchronized (threads) {
            return (int) threads.stream().filter(t -> t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING)
                    .filter(t -> java.util.Arrays.stream(t.getStackTrace()).anyMatch(f -> f.getMethodName().equals("await")
                            && f.getClassName().endsWith("ImageBuilds")))
                    .count();
        }
    }
}
