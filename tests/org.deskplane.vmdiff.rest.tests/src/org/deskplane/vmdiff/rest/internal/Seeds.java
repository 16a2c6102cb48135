package org.deskplane.vmdiff.rest.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.deskplane.vmdiff.api.DifferenceException;
import org.deskplane.vmdiff.api.Generation;
import org.deskplane.vmdiff.qcow2.Qcow2Writer;
import org.deskplane.vmdiff.store.DifferenceCopy;

/** Real bases and generations for the copies: a raw base of random bytes, overlays written with our qcow2 writer. */
final class Seeds {

    static final int CLUSTER = 65536;
    static final long BASE_SIZE = 2L << 20;

    private Seeds() {
    }

    static Path base(Path dir) throws IOException {
        byte[] bytes = new byte[(int) BASE_SIZE];
        new Random(9).nextBytes(bytes);
        Path base = dir.resolve("base.raw");
        Files.write(base, bytes);
        return base;
    }

    /** Captures the next generation of {@code vm} in {@code copy}: one data cluster filled with {@code fill}. */
    static Generation capture(DifferenceCopy copy, Path work, String sha, String vm, int fill, boolean suspended)
            throws IOException, DifferenceException {
        Files.createDirectories(work);
        Path overlay = Files.createTempFile(work, vm, ".qcow2");
        try (Qcow2Writer writer = Qcow2Writer.create(overlay, BASE_SIZE, CLUSTER, copy.basePath(sha, "raw").toString(),
                "raw")) {
            byte[] data = new byte[CLUSTER];
            java.util.Arrays.fill(data, (byte) fill);
            writer.writeCluster(3, ByteBuffer.wrap(data));
            writer.finish();
        }
        Path memory = null;
        if (suspended) {
            memory = Files.createTempFile(work, vm, ".state");
            byte[] state = new byte[300_000];
            new Random(fill).nextBytes(state);
            Files.write(memory, state);
        }
        return copy.capture(vm, overlay, memory, new DifferenceCopy.Capture(sha, "raw",
                "0f8fad5b-d9cb-469f-a165-70867728950e", "<domain type='qemu'><name>" + vm + "</name></domain>"));
    }
}
