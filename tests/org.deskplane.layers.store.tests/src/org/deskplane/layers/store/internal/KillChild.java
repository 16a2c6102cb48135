package org.deskplane.layers.store.internal;

import java.io.ByteArrayInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.deskplane.layers.api.CvdVersion;
import org.deskplane.layers.api.EntryType;
import org.deskplane.layers.api.FileEntry;
import org.deskplane.layers.api.Layer;
import org.deskplane.layers.api.LayerManifest;
import org.deskplane.layers.api.MissingChunksException;
import org.deskplane.layers.api.PublishRequest;

/**
 * The process {@link KillTest} kills: uploads and publishes as fast as it can while a second thread collects
 * garbage with a short grace period, and appends "number digest" to the acknowledgement log after every publish
 * returned. Runs until killed. Arguments: store folder, acknowledgement log, random seed.
 */
public final class KillChild {

    private KillChild() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        long seed = Long.parseLong(args[2]);
        FileCvdStore store = new FileCvdStore(root, StoreSettings.defaults().withGraceMillis(200), Clock.systemUTC());
        if (store.find("kill").isEmpty()) {
            store.create("kill", "alice");
        }
        Thread collector = new Thread(() -> {
            try {
                while (true) {
                    store.collectGarbage();
                }
            } catch (IOException e) {
                e.printStackTrace();
                System.exit(3);
            }
        });
        collector.setDaemon(true);
        collector.start();
        SplittableRandom random = new SplittableRandom(seed);
        try (FileOutputStream acks = new FileOutputStream(args[1], true)) {
            System.out.println("ready");
            System.out.flush();
            // the master's token continues where the killed run left it (the store refuses lower ones)
            long token = store.versions("kill").stream().mapToLong(CvdVersion::fencingToken).max().orElse(0) + 1;
            while (true) {
                long head = store.find("kill").orElseThrow().head();
                // orphans: chunks of an upload that never publishes, for the collector to find
                if (random.nextInt(4) == 0) {
                    put(store, bytes(random.nextLong(), 1 + random.nextInt(8192)));
                }
                List<byte[]> contents = new ArrayList<>();
                List<FileEntry> entries = new ArrayList<>();
                int files = 1 + random.nextInt(4);
                for (int i = 0; i < files; i++) {
                    // a small pool of seeds: the same content recurs, so chunks are shared between versions
                    byte[] content = bytes(random.nextInt(64), 1 + random.nextInt(12_000));
                    contents.add(content);
                    entries.add(entry("f" + i + "-" + random.nextInt(1000), content));
                }
                Map<Layer, LayerManifest> layers = new EnumMap<>(Layer.class);
                layers.put(Layer.USER_FILES, new LayerManifest(Layer.USER_FILES, entries));
                if (random.nextInt(3) == 0) {
                    layers.put(Layer.APPLICATIONS, new LayerManifest(Layer.APPLICATIONS, entries));
                    token++;
                }
                PublishRequest request = new PublishRequest("child", head, token, CvdVersion.Kind.UPLOAD, layers, "");
                CvdVersion published = null;
                for (int attempt = 0; published == null; attempt++) {
                    for (byte[] content : contents) {
                        put(store, content);
                    }
                    try {
                        published = store.publish("kill", request);
                    } catch (MissingChunksException collectedMeanwhile) {
                        if (attempt > 100) {
                            throw collectedMeanwhile;
                        }
                    }
                }
                String line = published.number() + " " + published.layers().get(Layer.USER_FILES) + "\n";
                acks.write(line.getBytes(StandardCharsets.US_ASCII));
                acks.flush();
            }
        }
    }

    static byte[] bytes(long seed, int length) {
        byte[] data = new byte[length];
        new SplittableRandom(seed).nextBytes(data);
        // half of each file compresses: the store's deflated path is exercised too
        java.util.Arrays.fill(data, 0, length / 2, (byte) 'a');
        return data;
    }

    /** Content cut into 4 KiB chunks (the child has no content-defined chunker; fixed cuts do for a crash test). */
    private static List<byte[]> pieces(byte[] content) {
        List<byte[]> pieces = new ArrayList<>();
        for (int from = 0; from < content.length; from += 4096) {
            pieces.add(java.util.Arrays.copyOfRange(content, from, Math.min(content.length, from + 4096)));
        }
        return pieces;
    }

    private static void put(FileCvdStore store, byte[] content) throws Exception {
        for (byte[] piece : pieces(content)) {
            store.putChunk(Hashes.sha256Hex(piece, piece.length), new ByteArrayInputStream(piece), piece.length);
        }
    }

    private static FileEntry entry(String path, byte[] content) {
        List<String> ids = new ArrayList<>();
        for (byte[] piece : pieces(content)) {
            ids.add(Hashes.sha256Hex(piece, piece.length));
        }
        return new FileEntry(path, EntryType.FILE, 0644, "", 0, content.length, Hashes.sha256Hex(content, content.length), ids, "");
    }
}
