package org.deskplane.content.api;

import java.time.Instant;

/**
 * The full-text index of one data source as the Profile API shows it.
 *
 * @param sourceId   the data source
 * @param indexed    whether a content search can use an index now (READY, STALE, or BUILDING over a previous one)
 * @param state      where the index stands
 * @param filesDone  files handled so far in the current build, or indexed in the last one
 * @param filesTotal files found in the current build, or indexed in the last one
 * @param terms      distinct terms in the index
 * @param updated    when the last build finished, or null
 * @param detail     a human-readable remark: why there is no index, what a cap left out, the last error; "" when none
 * @since 1.3
 */
public record IndexStatus(String sourceId, boolean indexed, IndexState state, long filesDone, long filesTotal,
        long terms, Instant updated, String detail) {

    /** No index for {@code sourceId}, for the reason given. */
    public static IndexStatus absent(String sourceId, String why) {
        return new IndexStatus(sourceId, false, IndexState.ABSENT, 0, 0, 0, null, why);
    }
}
