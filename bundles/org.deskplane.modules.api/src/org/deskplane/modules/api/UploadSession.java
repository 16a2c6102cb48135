package org.deskplane.modules.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * An upload in progress. Bytes go to a staging file, never into the store; {@link #commit()} checks size and
 * SHA-256, verifies the signature and atomically moves the jar into the store. Closing without commit (or any
 * failure) deletes the staging file: a broken upload leaves nothing behind.
 */
@ProviderType
public interface UploadSession extends AutoCloseable {

    String id();

    /** Appends a chunk; fails with {@link ModuleStatus#TOO_LARGE} past the declared size. */
    void write(byte[] chunk, int offset, int length);

    long received();

    /** Checks, verifies and stores; the session is closed afterwards whatever the outcome. */
    ModuleInfo commit();

    /** Discards what was received. */
    @Override
    void close();
}
