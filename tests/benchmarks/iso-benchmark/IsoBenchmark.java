import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.deskplane.delivery.iso.IsoImageBuilder;

/**
 * Times IsoImageBuilder against "xorriso -as mkisofs -J -R" on the same 1 GiB payload (issue 7). Reports, never
 * asserts. Arguments: work directory, repetitions.
 */
public final class IsoBenchmark {

    private static final int BIG_FILES = 3;
    private static final long BIG_SIZE = 256L << 20;
    private static final int SMALL_FILES = 4096;
    private static final int SMALL_AVERAGE = 64 << 10;

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int repetitions = Integer.parseInt(args[1]);
        Path payload = work.resolve("payload");
        long bytes = createPayload(payload);
        Path ours = work.resolve("ours.iso");
        Path theirs = work.resolve("xorriso.iso");
        List<Double> oursTimes = new ArrayList<>();
        List<Double> xorrisoTimes = new ArrayList<>();
        List<Double> xorrisoSyncTimes = new ArrayList<>();
        for (int i = 0; i < repetitions; i++) {
            // alternate which goes first so that neither always gets the warmer cache
            for (int turn = 0; turn < 2; turn++) {
                if ((i + turn) % 2 == 0) {
                    Files.deleteIfExists(ours);
                    long start = System.nanoTime();
                    IsoImageBuilder.create("DP_BENCH").addTree(payload).writeTo(ours, null); // forced to disk
                    oursTimes.add(seconds(start));
                } else {
                    Files.deleteIfExists(theirs);
                    long start = System.nanoTime();
                    run("xorriso", "-as", "mkisofs", "-quiet", "-J", "-R", "-V", "DP_BENCH", "-o", theirs.toString(),
                            payload.toString());
                    xorrisoTimes.add(seconds(start));
                    run("sync", theirs.toString()); // fsync, as our writeTo(Path) does before its rename
                    xorrisoSyncTimes.add(seconds(start));
                }
            }
            System.out.printf("repetition %d: ours %.2f s, xorriso %.2f s (%.2f s with fsync)%n", i + 1,
                    oursTimes.get(i), xorrisoTimes.get(i), xorrisoSyncTimes.get(i));
        }
        double oursMedian = median(oursTimes);
        double xorrisoMedian = median(xorrisoTimes);
        double xorrisoSyncMedian = median(xorrisoSyncTimes);
        System.out.printf("payload: %d files, %.1f MB; images: ours %.1f MB, xorriso %.1f MB%n",
                BIG_FILES + SMALL_FILES, bytes / 1e6, Files.size(ours) / 1e6, Files.size(theirs) / 1e6);
        System.out.printf("%-34s %10s %10s%n", "median of " + repetitions, "seconds", "MB/s");
        System.out.printf("%-34s %10.2f %10.1f%n", "IsoImageBuilder (fsync)", oursMedian, bytes / 1e6 / oursMedian);
        System.out.printf("%-34s %10.2f %10.1f%n", "xorriso -as mkisofs", xorrisoMedian, bytes / 1e6 / xorrisoMedian);
        System.out.printf("%-34s %10.2f %10.1f%n", "xorriso -as mkisofs + fsync", xorrisoSyncMedian,
                bytes / 1e6 / xorrisoSyncMedian);
        System.out.printf("ratio ours/xorriso time: %.2f (both fsync'd: %.2f; target <= 1.2)%n",
                oursMedian / xorrisoMedian, oursMedian / xorrisoSyncMedian);
        Files.deleteIfExists(ours);
        Files.deleteIfExists(theirs);
    }

    /** A few big files and many small ones of random bytes (not sparse, not compressible), made once. */
    private static long createPayload(Path payload) throws IOException {
        Path done = payload.resolveSibling("payload.done");
        SplittableRandom random = new SplittableRandom(7);
        if (!Files.exists(done)) {
            Files.createDirectories(payload);
            byte[] chunk = new byte[1 << 20];
            for (int i = 0; i < BIG_FILES; i++) {
                try (var out = Files.newOutputStream(payload.resolve("big-" + i + ".bin"))) {
                    for (long written = 0; written < BIG_SIZE; written += chunk.length) {
                        random.nextBytes(chunk);
                        out.write(chunk);
                    }
                }
            }
            for (int i = 0; i < SMALL_FILES; i++) {
                Path directory = payload.resolve("small/group-" + i / 256);
                Files.createDirectories(directory);
                byte[] bytes = new byte[random.nextInt(2 * SMALL_AVERAGE)];
                random.nextBytes(bytes);
                Files.write(directory.resolve("file-" + i + ".dat"), bytes);
            }
            Files.createFile(done);
        }
        long total = 0;
        try (var files = Files.walk(payload)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file)) {
                    total += Files.size(file);
                }
            }
        }
        return total;
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed");
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
