package org.deskplane.content.api;

import java.util.List;

/**
 * The answer to a content search: the index it used and the hits the caller may read.
 *
 * @param index the state of the source's index; {@code index.indexed()} false means no hits could be looked for
 * @param hits  matching files, policy-filtered, bounded in number
 * @since 1.3
 */
public record ContentSearchResult(IndexStatus index, List<ContentHit> hits) {

    public ContentSearchResult {
        hits = List.copyOf(hits);
    }
}
