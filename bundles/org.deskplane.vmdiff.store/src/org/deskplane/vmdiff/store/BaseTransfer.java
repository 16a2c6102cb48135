package org.deskplane.vmdiff.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

import org.deskplane.vmdiff.api.BaseImage;
import org.deskplane.vmdiff.api.DifferenceException;
import org.deskplane.vmdiff.api.DifferenceException.Kind;
import org.deskplane.vmdiff.api.DifferenceServer;
import org.deskplane.vmdiff.store.internal.Hashes;

/**
 * Fetches a base image from the server into a copy in {@link BaseImage#BLOCK}-sized blocks, each checked against
 * its SHA-256 as it arrives. The partial file stays between attempts: a new attempt checks the blocks already there
 * and goes on from the first one missing or wrong, so a dropped connection or a killed host costs at most one block.
 * The finished file is checked once more as a whole against its name before it is installed.
 */
public final class BaseTransfer {

    /** What a fetch did. */
    public record Result(String sha256, long bytesTransferred, int blocksAlreadyHere) {
    }

    private BaseTransfer() {
    }

    public static Result fetch(DifferenceServer from, DifferenceCopy into, String sha256, DeltaPull.Progress progress)
            throws IOException, DifferenceException {
        BaseImage base = from.bases().stream().filter(b -> b.sha256().equals(sha256)).findFirst()
                .orElseThrow(() -> new DifferenceException(Kind.NOT_FOUND, "the server has no base image " + sha256));
        Path target = into.basePath(sha256, base.format());
        if (Files.isRegularFile(target)) {
            into.requireBase(sha256, base.format());
            return new Result(sha256, 0, base.blocks());
        }
        List<byte[]> hashes = from.baseBlocks(sha256);
        if (hashes.size() != base.blocks()) {
            throw new DifferenceException(Kind.CORRUPT, "the server lists " + hashes.size() + " blocks for a base of "
                    + base.size() + " bytes");
        }
        Path partial = target.resolveSibling(".partial-" + target.getFileName());
        long transferred = 0;
        int already = 0;
        ByteBuffer block = ByteBuffer.allocate(BaseImage.BLOCK);
        try (FileChannel file = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            int first = 0;
            while (first < hashes.size() && blockIsGood(file, base, first, hashes.get(first), block)) {
                first++;
            }
            already = first;
            for (int i = first; i < hashes.size(); i++) {
                long offset = (long) i * BaseImage.BLOCK;
                int length = (int) Math.min(BaseImage.BLOCK, base.size() - offset);
                block.clear().limit(length);
                from.readBase(sha256, offset, block);
                block.flip();
                transferred += block.remaining();
                if (block.remaining() != length || !Arrays.equals(hashes.get(i), Hashes.of(block))) {
                    throw new DifferenceException(Kind.CORRUPT, "block " + i + " of base image " + sha256
                            + " does not match its SHA-256: the transfer is corrupt (the blocks before it are kept)");
                }
                while (block.hasRemaining()) {
                    file.write(block, offset + block.position());
                }
                progress.worked(i + 1, hashes.size());
            }
            file.truncate(base.size());
            file.force(true);
        }
        into.installBase(partial, base.format(), sha256);
        Files.deleteIfExists(partial);
        return new Result(sha256, transferred, already);
    }

    private static boolean blockIsGood(FileChannel file, BaseImage base, int index, byte[] hash, ByteBuffer block)
            throws IOException {
        long offset = (long) index * BaseImage.BLOCK;
        int length = (int) Math.min(BaseImage.BLOCK, base.size() - offset);
        if (file.size() < offset + length) {
            return false;
        }
        block.clear().limit(length);
        while (block.hasRemaining()) {
            if (file.read(block, offset + block.position()) < 0) {
                return false;
            }
        }
        block.flip();
        return Arrays.equals(hash, Hashes.of(block));
    }
}
