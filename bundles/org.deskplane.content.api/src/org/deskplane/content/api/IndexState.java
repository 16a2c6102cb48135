package org.deskplane.content.api;

/**
 * Where a data source's full-text index stands.
 *
 * @since 1.3
 */
public enum IndexState {
    /** No index: the source is not configured for indexing, or it was never built. */
    ABSENT,
    /** Being built or refreshed in the background; a previous index (if any) still answers. */
    BUILDING,
    /** Built and current as far as the index knows. */
    READY,
    /** Built, but older than the refresh interval or the source moved (e.g. its desktop started): may miss changes. */
    STALE
}
