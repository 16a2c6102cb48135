package org.deskplane.modules.internal.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

import org.deskplane.modules.api.ModuleException;
import org.deskplane.modules.api.ModuleInfo;
import org.deskplane.modules.api.ModuleState;
import org.deskplane.modules.api.ModuleStatus;
import org.deskplane.modules.api.SignerInfo;
import org.deskplane.modules.api.UploadSession;

/**
 * One upload: bytes go to a staging file while their SHA-256 is computed; commit checks size and digest, has the
 * signature verified and moves the jar into the store. Every way out other than a successful commit deletes the
 * staging file.
 */
public final class StagedUpload implements UploadSession {

    private final String id = UUID.randomUUID().toString();
    private final ModuleStore store;
    private final Function<Path, SignerInfo> verifier;
    private final Consumer<StagedUpload> onClose;
    private final long declaredSize;
    private final String declaredSha256;
    private final Path file;
    private final MessageDigest digest;
    private OutputStream out;
    private long received;
    private boolean closed;

    public StagedUpload(ModuleStore store, Function<Path, SignerInfo> verifier, long declaredSize,
            String declaredSha256, Consumer<StagedUpload> onClose) throws IOException {
        this.store = store;
        this.verifier = verifier;
        this.onClose = onClose;
        this.declaredSize = declaredSize;
        this.declaredSha256 = declaredSha256.toLowerCase(java.util.Locale.ROOT);
        this.file = store.stagingDir().resolve(id + ".jar.part");
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        this.out = Files.newOutputStream(file);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public synchronized void write(byte[] chunk, int offset, int length) {
        requireOpen();
        if (received + length > declaredSize) {
            close();
            throw new ModuleException(ModuleStatus.TOO_LARGE,
                    "more bytes than the declared " + declaredSize + "; the upload is discarded");
        }
        try {
            out.write(chunk, offset, length);
        } catch (IOException e) {
            close();
            throw new ModuleException(ModuleStatus.FAILED, "cannot stage the upload: " + e.getMessage(), e);
        }
        digest.update(chunk, offset, length);
        received += length;
    }

    @Override
    public synchronized long received() {
        return received;
    }

    @Override
    public synchronized ModuleInfo commit() {
        requireOpen();
        try {
            out.close();
            out = null;
            if (received != declaredSize) {
                throw new ModuleException(ModuleStatus.CHECKSUM_MISMATCH,
                        "received " + received + " bytes of the declared " + declaredSize);
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equals(declaredSha256)) {
                throw new ModuleException(ModuleStatus.CHECKSUM_MISMATCH,
                        "the upload's SHA-256 is " + actual + ", not the declared " + declaredSha256);
            }
            SignerInfo signer = verifier.apply(file);
            BundleIdentity identity = BundleIdentity.of(file);
            StoredModule record = new StoredModule(identity.symbolicName(), identity.version(), actual, received,
                    signer.subject(), signer.sha256(), ModuleState.STORED, "", Instant.now());
            return store.commit(file, record).info();
        } catch (IOException e) {
            throw new ModuleException(ModuleStatus.FAILED, "cannot store the upload: " + e.getMessage(), e);
        } finally {
            close();
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (out != null) {
                out.close();
            }
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the staging directory is emptied at the next start anyway
        } finally {
            onClose.accept(this);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new ModuleException(ModuleStatus.CONFLICT, "upload " + id + " is already closed");
        }
    }
}
