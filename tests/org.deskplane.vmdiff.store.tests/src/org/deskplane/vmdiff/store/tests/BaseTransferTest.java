package org.deskplane.vmdiff.store.tests;

import org.deskplane.vmdiff.testing.Images;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.deskplane.vmdiff.api.BaseImage;
import org.deskplane.vmdiff.api.DifferenceException;
import org.deskplane.vmdiff.api.DifferenceServer;
import org.deskplane.vmdiff.api.DifferenceSource;
import org.deskplane.vmdiff.api.Generation;
import org.deskplane.vmdiff.api.RunLease;
import org.deskplane.vmdiff.api.RunLeases;
import org.deskplane.vmdiff.store.BaseTransfer;
import org.deskplane.vmdiff.store.DeltaPull;
import org.deskplane.vmdiff.store.DifferenceCopy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A base image travels from the server's copy to a host's in checked blocks: a fetch cut off half way goes on from
 * the blocks already there, a damaged block is refused, and the host ends with the very image, under its hash.
 */
class BaseTransferTest {

    @TempDir
    Path dir;

    @Test
    void anInterruptedFetchGoesOnFromTheBlocksAlreadyThere() throws Exception {
        DifferenceCopy serverCopy = new DifferenceCopy(dir.resolve("server"), "server");
        Path image = Images.base(dir, 18, 3); // 4.5 blocks
        String sha = serverCopy.installBase(image, "raw", null);
        DifferenceCopy host = new DifferenceCopy(dir.resolve("host"), "host");

        Flaky server = new Flaky(serverCopy, 2, false);
        IOException cut = assertThrows(IOException.class, () -> BaseTransfer.fetch(server, host, sha, DeltaPull.Progress.NONE));
        assertTrue(cut.getMessage().contains("connection dropped"), cut.getMessage());
        assertTrue(host.bases().isEmpty(), "no base is installed from a partial fetch");

        BaseTransfer.Result resumed = BaseTransfer.fetch(new Flaky(serverCopy, Integer.MAX_VALUE, false), host, sha, DeltaPull.Progress.NONE);
        assertEquals(2, resumed.blocksAlreadyHere(), "the two blocks fetched before the drop were kept");
        assertEquals(18L * (1 << 20) - 2L * BaseImage.BLOCK, resumed.bytesTransferred(), "only the rest crossed");
        assertEquals(-1, Files.mismatch(image, host.requireBase(sha, "raw")));
        assertEquals(0, BaseTransfer.fetch(server, host, sha, DeltaPull.Progress.NONE).bytesTransferred(), "already here");
    }

    @Test
    void aDamagedBlockIsRefused() throws Exception {
        DifferenceCopy serverCopy = new DifferenceCopy(dir.resolve("server"), "server");
        String sha = serverCopy.installBase(Images.base(dir, 6, 4), "raw", null);
        DifferenceCopy host = new DifferenceCopy(dir.resolve("host"), "host");
        DifferenceException e = assertThrows(DifferenceException.class,
                () -> BaseTransfer.fetch(new Flaky(serverCopy, Integer.MAX_VALUE, true), host, sha, DeltaPull.Progress.NONE));
        assertEquals(DifferenceException.Kind.CORRUPT, e.kind(), e.getMessage());
        assertTrue(host.bases().isEmpty());
        assertFalse(Files.exists(host.basePath(sha, "raw")));
    }

    /** The server's base routes over a copy, with a connection that drops after some reads or flips a bit. */
    private static final class Flaky implements DifferenceServer {
        private final DifferenceCopy copy;
        private final AtomicInteger readsLeft;
        private final boolean flip;

        Flaky(DifferenceCopy copy, int reads, boolean flip) {
            this.copy = copy;
            this.readsLeft = new AtomicInteger(reads);
            this.flip = flip;
        }

        @Override
        public List<BaseImage> bases() throws IOException {
            return copy.bases();
        }

        @Override
        public List<byte[]> baseBlocks(String sha256) throws IOException {
            try {
                return copy.baseBlocks(sha256);
            } catch (DifferenceException e) {
                throw new IOException(e);
            }
        }

        @Override
        public void readBase(String sha256, long offset, ByteBuffer dst) throws IOException {
            if (readsLeft.getAndDecrement() <= 0) {
                throw new IOException("connection dropped");
            }
            int at = dst.position();
            try {
                copy.readBase(sha256, offset, dst);
            } catch (DifferenceException e) {
                throw new IOException(e);
            }
            if (flip) {
                dst.put(at, (byte) (dst.get(at) ^ 0x10));
            }
        }

        @Override
        public DifferenceSource copy() {
            return copy;
        }

        @Override
        public RunLeases leases() {
            throw new UnsupportedOperationException("not needed to fetch bases");
        }

        @Override
        public String installBase(Path image, String format, String expectedSha256) {
            throw new UnsupportedOperationException("not needed to fetch bases");
        }

        @Override
        public Generation accept(DifferenceSource host, RunLease lease) {
            throw new UnsupportedOperationException("not needed to fetch bases");
        }
    }
}
