import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.deskplane.layers.api.CvdVersion;
import org.deskplane.layers.api.EntryType;
import org.deskplane.layers.api.FileEntry;
import org.deskplane.layers.api.Layer;
import org.deskplane.layers.api.LayerManifest;
import org.deskplane.layers.api.PublishRequest;
import org.deskplane.layers.chunking.Chunker;
import org.deskplane.layers.chunking.FileChunks;
import org.deskplane.layers.store.internal.FileCvdStore;
import org.deskplane.layers.store.internal.StoreSettings;

/**
 * The CVD store's initial upload of a tree, timed: every file chunked with the shared chunker, missing chunks put,
 * one version published (two threads, like the machine's two cores). Also makes the synthetic home folder.
 *   LayersBenchmark home DIR MEGABYTES
 *   LayersBenchmark store STORE_DIR THREADS COMPRESS(true|false) PATH...
 */
public final class LayersBenchmark {

    public static void main(String[] args) throws Exception {
        if (args[0].equals("home")) {
            home(Path.of(args[1]), Long.parseLong(args[2]) << 20);
        } else {
            store(Path.of(args[1]), Integer.parseInt(args[2]), Boolean.parseBoolean(args[3]), List.of(args).subList(4, args.length));
        }
    }

    /** Documents (text of a fixed vocabulary: compressible), photos (random: not), copies of some, a growing mailbox. */
    static void home(Path dir, long bytes) throws IOException {
        SplittableRandom random = new SplittableRandom(8);
        String[] words = "the of and to in is that desktop layer image user file server endpoint sync version chunk report meeting budget draft final notes project plan"
                .split(" ");
        long written = 0;
        List<Path> made = new ArrayList<>();
        for (int i = 0; written < bytes; i++) {
            Path file;
            long size;
            int kind = random.nextInt(10);
            if (kind < 5) {
                file = dir.resolve("Documents/folder" + i % 20 + "/doc" + i + ".txt");
                size = 2_000 + random.nextInt(400_000);
                Files.createDirectories(file.getParent());
                StringBuilder text = new StringBuilder();
                while (text.length() < size) {
                    text.append(words[random.nextInt(words.length)]).append(random.nextInt(12) == 0 ? ".\n" : " ");
                }
                Files.writeString(file, text);
            } else if (kind < 8) {
                file = dir.resolve("Pictures/" + (2020 + i % 5) + "/IMG_" + i + ".jpg");
                size = 500_000 + random.nextInt(4_000_000);
                Files.createDirectories(file.getParent());
                byte[] data = new byte[(int) size];
                random.nextBytes(data);
                Files.write(file, data);
            } else if (kind == 8 && !made.isEmpty()) {
                Path original = made.get(random.nextInt(made.size()));
                file = dir.resolve("Downloads/copy-" + i + "-" + original.getFileName());
                Files.createDirectories(file.getParent());
                Files.copy(original, file);
                size = Files.size(file);
            } else {
                file = dir.resolve(".mail/inbox");
                Files.createDirectories(file.getParent());
                byte[] data = ("From: someone\nSubject: mail " + i + "\n\n" + "body text ".repeat(2000) + "\n").getBytes();
                Files.write(file, data, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                size = data.length;
            }
            made.add(file);
            written += size;
        }
        System.out.println("home: " + written + " bytes in " + dir);
    }

    static void store(Path root, int threads, boolean compress, List<String> paths) throws Exception {
        List<Path[]> files = new ArrayList<>();
        ConcurrentLinkedQueue<FileEntry> entries = new ConcurrentLinkedQueue<>();
        for (String p : paths) {
            Path base = Path.of(p);
            Files.walkFileTree(base, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String rel = (base.getFileName() + "/" + base.relativize(file)).replace('\\', '/');
                    if (attrs.isRegularFile()) {
                        files.add(new Path[] { file, Path.of(rel) });
                    } else if (attrs.isSymbolicLink()) {
                        try {
                            entries.add(new FileEntry(rel, EntryType.SYMLINK, 0777, "", 0, 0, "", List.of(),
                                    Files.readSymbolicLink(file).toString()));
                        } catch (IOException | IllegalArgumentException e) {
                            // unreadable link: skipped as restic would report it
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        FileCvdStore store = new FileCvdStore(root, StoreSettings.defaults().withCompression(compress), Clock.systemUTC());
        if (store.find("bench").isEmpty()) {
            store.create("bench", "bench");
        }
        AtomicLong logical = new AtomicLong();
        AtomicLong unique = new AtomicLong();
        AtomicLong chunks = new AtomicLong();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        ConcurrentLinkedQueue<Path[]> queue = new ConcurrentLinkedQueue<>(files);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                for (Path[] job = queue.poll(); job != null; job = queue.poll()) {
                    try {
                        FileChunks fc = FileChunks.of(job[0], Chunker.DEFAULT, (id, data, offset, length) -> {
                            chunks.incrementAndGet();
                            if (!store.missingChunks(List.of(id)).isEmpty()) {
                                try {
                                    if (store.putChunk(id, new ByteArrayInputStream(data, offset, length), length)) {
                                        unique.addAndGet(length);
                                    }
                                } catch (org.deskplane.layers.api.LayerException e) {
                                    throw new IOException(e);
                                }
                            }
                        });
                        logical.addAndGet(fc.size());
                        entries.add(new FileEntry(job[1].toString(), EntryType.FILE, 0644, "", 0, fc.size(), fc.contentHash(),
                                fc.chunkIds(), ""));
                    } catch (IOException e) {
                        // unreadable file: skipped
                    }
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        pool.shutdown();
        long publishStart = System.nanoTime();
        CvdVersion v = store.publish("bench", new PublishRequest("bench", store.find("bench").get().head(), 0,
                CvdVersion.Kind.UPLOAD, Map.of(Layer.USER_FILES, new LayerManifest(Layer.USER_FILES, new ArrayList<>(entries))), ""));
        long end = System.nanoTime();
        double seconds = (end - start) / 1e9;
        double publishSeconds = (end - publishStart) / 1e9;
        var stats = store.stats();
        System.out.printf("store: files=%d chunks=%d logical=%d unique=%d stored=%d seconds=%.2f publishSeconds=%.2f version=%d%n",
                files.size(), chunks.get(), logical.get(), unique.get(), stats.storedBytes(), seconds, publishSeconds, v.number());
    }
}
