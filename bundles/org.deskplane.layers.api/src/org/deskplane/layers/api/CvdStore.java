package org.deskplane.layers.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The server's store of CVDs: content-addressed chunks (SHA-256 ids, deduplicated across all users and
 * endpoints), layer manifests and immutable versions. Every method is safe to call concurrently; a crash at any
 * point leaves the store consistent (a publish is visible completely or not at all).
 */
@ProviderType
public interface CvdStore {

    Cvd create(String cvdId, String owner) throws LayerException;

    List<Cvd> list();

    Optional<Cvd> find(String cvdId);

    /** The ids among {@code chunkIds} that the store does not hold; an uploader sends only these. */
    Set<String> missingChunks(Collection<String> chunkIds);

    /**
     * Stores one chunk. The bytes are checked against the id (SHA-256) before they are kept; a chunk put here is safe
     * from garbage collection for the store's upload grace period, long enough for the publish that will name it.
     *
     * @return true when the chunk was new, false when the store already held it
     */
    boolean putChunk(String chunkId, InputStream data, long length) throws IOException, LayerException;

    /** The chunk's bytes, checked against its id while read (a mismatch fails the read). */
    InputStream openChunk(String chunkId) throws IOException, LayerException;

    /**
     * Publishes a new version. Refused when a named chunk is missing, when the head moved past
     * {@link PublishRequest#parent()} ({@link CvdConflictException}), or when a system layer comes with a fencing
     * token lower than one already used for this CVD ({@link FencedException}). A {@code SNAPSHOT} is kept as a
     * recovery point: it gets a number but does not become the head (and is not checked against the parent).
     */
    CvdVersion publish(String cvdId, PublishRequest request) throws LayerException;

    List<CvdVersion> versions(String cvdId) throws LayerException;

    CvdVersion version(String cvdId, long number) throws LayerException;

    /** The manifest of a layer at a version (an empty manifest when the version has no such layer). */
    LayerManifest manifest(String cvdId, long number, Layer layer) throws LayerException;

    /** Publishes the layers of version {@code number} again as the newest version (kind RESTORE). */
    CvdVersion restore(String cvdId, long number, String note) throws LayerException;

    /** Deletes chunks no version references, leaving chunks of uploads still in progress. */
    GcReport collectGarbage() throws IOException;

    /** Reads every chunk and manifest back and checks its hash. */
    VerifyReport verify() throws IOException;

    StoreStats stats();
}
