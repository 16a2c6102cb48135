package org.deskplane.content.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * An open view of one data source (for a disk: the mounted file system; for an agent: the session), kept by the
 * CAL as the user's mount session and closed when idle. Paths are absolute and normalised by the CAL. Safe for
 * concurrent use.
 */
@ConsumerType
public interface ContentView extends AutoCloseable {

    ContentEntry stat(String path) throws IOException;

    List<ContentEntry> list(String path) throws IOException;

    ContentReader open(String path) throws IOException;

    /** Whether this view can write at all (a disk view of a VM never can). */
    boolean writable();

    /**
     * Writes {@code content} to the file at {@code path} (creating or replacing it), atomically where the
     * backend can: a failed upload leaves the old file.
     */
    default ContentEntry write(String path, InputStream content) throws IOException {
        throw new ContentException(ContentException.Reason.READ_ONLY, "this data source is read-only");
    }

    /** Deletes the file or empty directory at {@code path}. */
    default void delete(String path) throws IOException {
        throw new ContentException(ContentException.Reason.READ_ONLY, "this data source is read-only");
    }

    /** A caveat about this view ("point-in-time view, may be stale"), or "". */
    default String note() {
        return "";
    }

    @Override
    void close() throws IOException;
}
