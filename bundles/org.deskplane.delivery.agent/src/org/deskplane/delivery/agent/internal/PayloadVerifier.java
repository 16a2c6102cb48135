package org.deskplane.delivery.agent.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.deskplane.delivery.api.PayloadFile;
import org.deskplane.delivery.api.PayloadManifest;

/**
 * Checks every file the manifest lists against its size and SHA-256 before anything runs; reports progress 0–20 %
 * by bytes hashed. A file that is missing, a link, outside the payload or different fails the job naming the file.
 */
final class PayloadVerifier {
    static final int SHARE = 20;
    private static final int BLOCK = 256 << 10;

    void verify(Job job, Path root, PayloadManifest manifest, Deadline deadline) throws JobFailure, IOException {
        long total = Math.max(1, manifest.totalSize());
        long done = 0;
        byte[] buffer = new byte[BLOCK];
        for (PayloadFile f : manifest.files()) {
            Path file = PayloadPaths.inside(root, f.path());
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw JobFailure.failed("payload file missing or not a plain file: " + f.path(), null);
            }
            if (Files.size(file) != f.size()) {
                throw JobFailure.failed("size mismatch: " + f.path() + " has " + Files.size(file) + " bytes, the manifest says " + f.size(), null);
            }
            MessageDigest sha = sha256();
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                for (int n; (n = in.read(buffer)) > 0;) {
                    sha.update(buffer, 0, n);
                    done += n;
                    job.progress((int) (SHARE * done / total), "verifying " + f.path());
                    checkGoOn(job, deadline);
                }
            }
            if (!HexFormat.of().formatHex(sha.digest()).equals(f.sha256())) {
                throw JobFailure.failed("hash mismatch: " + f.path() + " is not the file the manifest names (SHA-256 differs)", null);
            }
        }
        job.log("[agent] verified " + manifest.files().size() + " files (" + manifest.totalSize() + " bytes)");
    }

    static void checkGoOn(Job job, Deadline deadline) throws JobFailure {
        if (job.cancelRequested()) {
            throw JobFailure.cancelled("cancelled", null);
        }
        if (deadline.passed()) {
            throw JobFailure.failed(deadline.message(), null);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
