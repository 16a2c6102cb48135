package org.deskplane.delivery.agent.internal;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.deskplane.delivery.api.PayloadManifest;
import org.deskplane.delivery.wire.DeliveryWire;
import org.deskplane.delivery.wire.WireException;
import org.deskplane.delivery.wire.WireMessage;

/**
 * Receives one payload file over a {@code delivery.copy} stream: a 4-byte big-endian header length, the header (job,
 * payload-relative path, size, SHA-256), then exactly {@code size} bytes. The file is written to a temporary name
 * next to its target below {@code <copyRoot>/<job>/} and renamed only when size and hash match; a bad or broken
 * transfer leaves nothing behind. The answer is one line, {@code ok} or {@code error <reason>}.
 */
final class CopyReceiver {
    private static final int BLOCK = 64 << 10;
    private final Path copyRoot;
    private final long maxFileBytes;

    CopyReceiver(Path copyRoot, long maxFileBytes) {
        this.copyRoot = copyRoot;
        this.maxFileBytes = maxFileBytes;
    }

    /** Reads one file from {@code in}; returns the answer line (without newline). */
    String receive(InputStream in) throws IOException {
        Header h;
        try {
            h = readHeader(in);
        } catch (WireException | IllegalArgumentException e) {
            return "error " + e.getMessage();
        }
        Path target;
        try {
            target = target(h.job, h.path);
        } catch (IOException e) {
            return "error " + e.getMessage();
        }
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), ".copy-", ".part");
        try {
            MessageDigest sha = PayloadVerifier.sha256();
            try (OutputStream out = Files.newOutputStream(temp)) {
                byte[] buffer = new byte[BLOCK];
                long left = h.size;
                while (left > 0) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (n < 0) {
                        return "error stream ended after " + (h.size - left) + " of " + h.size + " bytes of " + h.path;
                    }
                    out.write(buffer, 0, n);
                    sha.update(buffer, 0, n);
                    left -= n;
                }
            }
            if (!HexFormat.of().formatHex(sha.digest()).equals(h.sha256)) {
                return "error checksum mismatch: " + h.path;
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return "ok";
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private record Header(String job, String path, long size, String sha256) {
    }

    private Header readHeader(InputStream in) throws IOException, WireException {
        DataInputStream data = new DataInputStream(in);
        int length;
        try {
            length = data.readInt();
        } catch (EOFException e) {
            throw new WireException("no copy header");
        }
        if (length <= 0 || length > WireMessage.MAX_BYTES) {
            throw new WireException("copy header of " + length + " bytes (1.." + WireMessage.MAX_BYTES + ")");
        }
        byte[] bytes = data.readNBytes(length);
        if (bytes.length < length) {
            throw new WireException("copy header cut short");
        }
        WireMessage m = WireMessage.parse(bytes);
        String job = DeliveryWire.jobId(m);
        String path = PayloadManifest.checkRelative(m.str("path"));
        long size = m.num("size");
        if (size < 0 || size > maxFileBytes) {
            throw new WireException("size " + size + " of " + path + " out of range 0.." + maxFileBytes);
        }
        String sha = m.str("sha256");
        if (!sha.matches("[0-9a-f]{64}")) {
            throw new WireException("sha256 of " + path + " is not a lower-case SHA-256 digest");
        }
        return new Header(job, path, size, sha);
    }

    /** {@code <copyRoot>/<job>/<path>}, refused when it or a link among its parents leads out of the job's folder. */
    private Path target(String job, String path) throws IOException {
        Path jobDir = copyRoot.resolve(job);
        if (!Files.isDirectory(jobDir)) {
            Files.createDirectories(jobDir);
            try { // payloads may carry secrets (keys, licences): only root reads them before their steps place them
                Files.setPosixFilePermissions(jobDir, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
        }
        Path target = PayloadPaths.inside(jobDir, path);
        if (Files.isDirectory(target) || Files.isSymbolicLink(target)) {
            throw new IOException("cannot write " + path + ": a folder or link is in the way");
        }
        return target;
    }

    /** The folder a job's copied payload is in. */
    Path jobDir(String job) {
        return copyRoot.resolve(job);
    }
}
