package org.deskplane.content.api;

import java.io.IOException;
import java.util.List;
import java.util.function.Predicate;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A full-text index of data sources, an optional service the CAL uses for content searches. The CAL tells it
 * which sources exist ({@link #offer}); the index decides by its own configuration which of them to index, reads
 * them through a {@link ContentSource} of their backend in the background, and answers queries. It never decides
 * who may see what: the CAL passes a filter, and the index leaves out every path the filter refuses before it
 * reads anything of that file.
 *
 * @since 1.3
 */
@ProviderType
public interface ContentIndex {

    /**
     * A data source and where its content is now. Cheap and idempotent: called for every request and periodically
     * for every source; the index schedules a (re)build when it has none, the location changed or it is due.
     */
    void offer(DataSource source, ContentLocation location);

    /** The index state of {@code sourceId} ({@link IndexState#ABSENT} when unknown). */
    IndexStatus status(String sourceId);

    /**
     * Files of {@code sourceId} whose text matches {@code query}: words (all must occur, case- and
     * accent-insensitive) and "quoted phrases". Each candidate the {@code visible} filter accepts is checked
     * against its current content through {@code view} (the caller's own view of the source), which also gives its
     * snippet; files that no longer match are left out.
     *
     * @throws ContentException INVALID for a query without any word
     */
    List<ContentHit> search(String sourceId, String query, Predicate<String> visible, ContentView view, int limit)
            throws IOException;
}
