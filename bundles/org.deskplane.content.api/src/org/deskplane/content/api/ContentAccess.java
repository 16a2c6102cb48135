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

    ContentEntry write(RequestContext context, String sourceId, String path, InputStream content) throws IOException;

    void delete(RequestContext context, String sourceId, String path) throws IOException;
}
