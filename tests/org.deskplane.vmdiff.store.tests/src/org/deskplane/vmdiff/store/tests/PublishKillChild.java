package org.deskplane.vmdiff.store.tests;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;

import org.deskplane.vmdiff.api.Generation;
import org.deskplane.vmdiff.qcow2.Qcow2Writer;
import org.deskplane.vmdiff.store.DifferenceCopy;

/**
 * Run in its own JVM by {@link PublishKillTest} and killed with -9 at random moments: captures generation after
 * generation of one VM and appends "number contentHash" to the acknowledgement file after each publish returned.
 */
public final class PublishKillChild {

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        Path acks = Path.of(args[1]);
        String sha = args[2];
        Random random = new Random(Long.parseLong(args[3]));
        try (DifferenceCopy copy = new DifferenceCopy(root, "host-k")) {
            System.out.println("ready");
            System.out.flush();
            Path base = copy.requireBase(sha, "raw");
            Path work = root.resolveSibling("work-" + args[3]);
            Files.createDirectories(work);
            ByteBuffer cluster = ByteBuffer.allocate(65536);
            for (int round = 0;; round++) {
                Path overlay = work.resolve("overlay.qcow2");
                Files.deleteIfExists(overlay);
                try (Qcow2Writer writer = Qcow2Writer.create(overlay, Files.size(base), 65536, base.toString(), "raw")) {
                    for (int i = 0; i < 16; i++) {
                        random.nextBytes(cluster.array());
                        cluster.clear();
                        writer.writeCluster(i * 3 + random.nextInt(3), cluster);
                    }
                    writer.finish();
                }
                Path memory = work.resolve("memory");
                byte[] state = new byte[2 << 20];
                random.nextBytes(state);
                Files.write(memory, state);
                Generation g = copy.capture("kill", overlay, memory, new DifferenceCopy.Capture(sha, "raw", "uuid-k", "<domain/>"));
                Files.deleteIfExists(memory);
                Files.writeString(acks, g.number() + " " + g.contentHash() + "\n", StandardCharsets.US_ASCII,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
            }
        }
    }
}
