package org.deskplane.delivery.repository.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.deskplane.delivery.api.DeliveryException;
import org.deskplane.delivery.api.DeliveryException.Reason;
import org.deskplane.delivery.api.PayloadFile;

/**
 * Copies one payload file into staging and hashes it in the same pass, counting its bytes against the payload's
 * budget so that an archive cannot unpack more than the configured bound.
 */
final class HashingCopy {

    static final int MAX_NAME_BYTES = 255;
    static final int MAX_PATH_BYTES = 3072;

    private final long maxBytes;
    private long total;

    HashingCopy(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    PayloadFile copy(String path, InputStream in, Path target) throws IOException, DeliveryException {
        checkImageable(path);
        MessageDigest digest = sha256();
        long size = 0;
        byte[] buffer = new byte[1 << 16];
        Files.createDirectories(target.getParent());
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (int n; (n = in.read(buffer)) > 0;) {
                size += n;
                total += n;
                if (total > maxBytes) {
                    throw new DeliveryException(Reason.INVALID, "payload larger than " + maxBytes + " bytes (at " + path + ")");
                }
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        }
        return new PayloadFile(path, size, HexFormat.of().formatHex(digest.digest()));
    }

    /** Names the ISO image can hold (Rock Ridge: 255 bytes a name) are refused at import, not when the image is built. */
    static void checkImageable(String path) throws DeliveryException {
        if (path.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            throw new DeliveryException(Reason.INVALID, "path longer than " + MAX_PATH_BYTES + " bytes: " + path);
        }
        for (String name : path.split("/")) {
            if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
                throw new DeliveryException(Reason.INVALID, "name longer than " + MAX_NAME_BYTES + " bytes in " + path);
            }
        }
    }

    long total() {
        return total;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
