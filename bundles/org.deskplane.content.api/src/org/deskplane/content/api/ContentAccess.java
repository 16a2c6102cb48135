package org.deskplane.content.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The Content Abstraction Layer: every Profile API request goes through here. Resolves the data source for the
 * user, picks the backend that can serve it now, checks the policies and audits the request, whatever the
 * outcome. Paths are absolute within the source; ".." and empty segments are refused.
 */
@ProviderType
public interface ContentAccess {

    /** The user's data sources. */
    List<DataSource> sources(RequestContext context) throws IOException;

    /**
     * The applications the user is entitled to: those their desktops offer (each desktop's {@code applications}
     * metadata, comma-separated).
     *
     * @since 1.2
     */
    default List<Application> applications(RequestContext context) throws IOException {
        return List.of();
    }

    ContentEntry stat(RequestContext context, String sourceId, String path) throws IOException;

    List<ContentEntry> list(RequestContext context, String sourceId, String path) throws IOException;

    /** Opens a file for reading; the caller closes the reader. */
    ContentReader open(RequestContext context, String sourceId, String path) throws IOException;

    /** Files whose name contains {@code query} (case-insensitive) below {@code path}, bounded in count and depth. */
    List<ContentEntry> search(RequestContext context, String sourceId, String path, String query) throws IOException;

    /**
     * Files below {@code path} whose text matches {@code query} (words that must all occur, "quoted phrases";
     * case- and accent-insensitive), where the source is indexed. Policy and audit apply as to a name search, and
     * a hit in a path the user may not read is left out, snippet and all. A source without an index answers no
     * hits and {@code index().indexed() == false}.
     *
     * @since 1.3
     */
    default ContentSearchResult searchContent(RequestContext context, String sourceId, String path, String query)
            throws IOException {
        return new ContentSearchResult(IndexStatus.absent(sourceId, "content search is not supported here"), List.of());
    }

    /**
     * The state of the full-text index of a source the user can see.
     *
     * @since 1.3
     */
    default IndexStatus indexStatus(RequestContext context, String sourceId) throws IOException {
        return IndexStatus.absent(sourceId, "content search is not supported here");
    }

    ContentEntry write(RequestContext context, String sourceId, String path, InputStream content) throws IOException;

    void delete(RequestContext context, String sourceId, String path) throws IOException;
}
