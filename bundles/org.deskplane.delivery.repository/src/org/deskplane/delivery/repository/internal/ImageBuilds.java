package org.deskplane.delivery.repository.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.LongConsumer;

import org.deskplane.delivery.api.DeliveryException;
import org.deskplane.delivery.api.DeliveryException.Reason;
import org.deskplane.delivery.api.Payload;
import org.deskplane.delivery.api.PayloadRef;

/**
 * Builds payload images, one build per payload at a time: callers that come while a build runs wait for it and get
 * its result (a hundred VMs asking for the same disc start one build). The image is written to a temporary file
 * beside its final name, hashed on the way, forced and renamed, so a half-written image is never seen.
 */
final class ImageBuilds {

    static final String IMAGE = "image.iso";

    private final ImageWriter writer;
    private final Map<PayloadRef, CompletableFuture<Path>> running = new ConcurrentHashMap<>();

    ImageBuilds(ImageWriter writer) {
        this.writer = writer;
    }

    boolean isBuilding(PayloadRef ref) {
        return running.containsKey(ref);
    }

    /** What a finished build tells the repository to record. */
    interface Recorder {
        void built(PayloadRef ref, String sha256, long size) throws IOException;
    }

    Path image(Payload payload, Path folder, LongConsumer progress, Recorder recorder) throws DeliveryException {
        PayloadRef ref = payload.ref();
        CompletableFuture<Path> mine = new CompletableFuture<>();
        CompletableFuture<Path> other = running.putIfAbsent(ref, mine);
        if (other != null) {
            return await(other, ref);
        }
        try {
            Path image = folder.resolve(IMAGE);
            if (!Files.isRegularFile(image) || payload.imageSize() == 0) {
                build(payload, folder, image, progress, recorder);
            }
            mine.complete(image);
            return image;
        } catch (DeliveryException | RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            running.remove(ref, mine);
        }
    }

    private void build(Payload payload, Path folder, Path image, LongConsumer progress, Recorder recorder) throws DeliveryException {
        Path temp = folder.resolve("." + IMAGE + "." + UUID.randomUUID() + ".tmp");
        try {
            MessageDigest digest = HashingCopy.sha256();
            try (FileChannel file = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writer.write(payload.volumeLabel(), payload.created(), folder.resolve("files"), new DigestingChannel(file, digest), progress);
                file.force(true);
            }
            // libvirt's qemu user reads the image: it must not be private to the server's user
            Trees.permissions(temp, Trees.READABLE);
            long size = Files.size(temp);
            Files.move(temp, image, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            recorder.built(payload.ref(), HexFormat.of().formatHex(digest.digest()), size);
        } catch (IOException | IllegalArgumentException e) {
            throw new DeliveryException(Reason.TRANSIENT, "cannot build the image of " + payload.ref() + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // the temp name is unique and the next build uses another: a leftover costs disk only
            }
        }
    }

    private static Path await(CompletableFuture<Path> build, PayloadRef ref) throws DeliveryException {
        try {
            return build.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException(Reason.TRANSIENT, "interrupted waiting for the image of " + ref, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DeliveryException d) {
                throw new DeliveryException(d.reason(), d.getMessage(), d);
            }
            throw new DeliveryException(Reason.TRANSIENT, "the image build of " + ref + " failed: " + e.getCause(), e.getCause());
        }
    }

    /** Hashes what passes through on its way to the file. */
    private static final class DigestingChannel implements WritableByteChannel {
        private final WritableByteChannel target;
        private final MessageDigest digest;

        DigestingChannel(WritableByteChannel target, MessageDigest digest) {
            this.target = target;
            this.digest = digest;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            ByteBuffer view = src.duplicate();
            int n = target.write(src);
            view.limit(view.position() + n);
            digest.update(view);
            return n;
        }

        @Override
        public boolean isOpen() {
            return target.isOpen();
        }

        @Override
        public void close() throws IOException {
            // the file is closed by whoever opened it
        }
    }
}
