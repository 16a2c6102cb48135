package org.deskplane.disk.image.tests;

import static org.deskplane.disk.image.tests.ImageTool.randomRaw;
import static org.deskplane.disk.image.tests.ImageTool.run;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.DiskFormatException;
import org.deskplane.disk.api.DiskImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutation fuzzing: small valid images of each format with random bytes overwritten near their metadata
 * (the start and the end of the file) must open and read, or fail with DiskFormatException / EOFException /
 * NoSuchFileException / an IOException with a message: never another throwable, never a hang.
 */
class MutationFuzzTest {

    private static final int ITERATIONS = 300;
    private static final int MAX_READ = 2 << 20;

    @TempDir
    static Path dir;
    private static Path source;
    private static DiskImages images;

    @BeforeAll
    static void source() throws Exception {
        source = randomRaw(dir.resolve("source.raw"), 1L << 20, 5);
        images = Services.diskImages();
    }

    @Test
    void qcow2() throws IOException {
        mutatedImagesFailCleanly("qcow2", "-o|cluster_size=4096", 1);
    }

    @Test
    void qcow2CompressedVersion2() throws IOException {
        mutatedImagesFailCleanly("qcow2", "-c|-o|cluster_size=4096,compat=0.10", 2);
    }

    @Test
    void vmdkMonolithicSparse() throws IOException {
        mutatedImagesFailCleanly("vmdk", "-o|subformat=monolithicSparse", 3);
    }

    @Test
    void vmdkStreamOptimized() throws IOException {
        mutatedImagesFailCleanly("vmdk", "-o|subformat=streamOptimized", 4);
    }

    @Test
    void vhdDynamic() throws IOException {
        mutatedImagesFailCleanly("vpc", "-o|subformat=dynamic", 5);
    }

    private void mutatedImagesFailCleanly(String format, String options, long seed) throws IOException {
        Path image = dir.resolve("fuzz-" + seed + "." + format);
        java.util.List<String> command = ImageTool.list("qemu-img", "convert", "-f", "raw", "-O", format);
        command.addAll(java.util.List.of(options.split("\\|")));
        command.add(source.toString());
        command.add(image.toString());
        run(dir, command.toArray(String[]::new));
        byte[] good = Files.readAllBytes(image);
        Path mutated = dir.resolve("mutated-" + seed + "." + format);
        int[] outcomes = new int[2];
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Random random = new Random(seed);
            for (int iteration = 0; iteration < ITERATIONS; iteration++) {
                byte[] bytes = good.clone();
                int mutations = 1 + random.nextInt(8);
                for (int m = 0; m < mutations; m++) {
                    // metadata lives near the start (headers, tables) and, for some formats, at the end
                    int region = Math.min(bytes.length, random.nextInt(3) == 0 ? 64 * 1024 : 4096);
                    int at = random.nextInt(3) != 0 ? random.nextInt(region)
                            : bytes.length - 1 - random.nextInt(region);
                    if (random.nextBoolean()) {
                        bytes[at] ^= (byte) (1 << random.nextInt(8));
                    } else {
                        bytes[at] = (byte) random.nextInt(256);
                    }
                }
                Files.write(mutated, bytes);
                outcomes[readAll(mutated, random.nextBoolean() ? format : null, seed, iteration) ? 0 : 1]++;
            }
        });
        assertTrue(outcomes[0] > 0 && outcomes[1] > 0,
                "some mutations must still read and some must be refused: " + outcomes[0] + "/" + outcomes[1]);
        assertTrue(OpenFiles.under(dir).isEmpty(), "files left open: " + OpenFiles.under(dir));
    }

    /** True when the image read without error, false when it was refused in an allowed way. */
    private static boolean readAll(Path image, String format, long seed, int iteration) {
        try (BlockDevice device = format == null ? images.open(image) : images.open(image, format)) {
            byte[] buffer = new byte[64 * 1024];
            long limit = Math.min(device.size(), MAX_READ);
            for (long at = 0; at < limit; at += buffer.length) {
                device.read(at, buffer, 0, (int) Math.min(buffer.length, limit - at));
            }
            if (device.size() > MAX_READ) {
                device.read(device.size() - 4096, buffer, 0, 4096);
            }
            return true;
        } catch (DiskFormatException | EOFException | NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                fail("seed " + seed + " iteration " + iteration + ": IOException without a message", e);
            }
            return false;
        } catch (Throwable t) {
            fail("seed " + seed + " iteration " + iteration + ": " + t, t);
            return false;
        }
    }
}
