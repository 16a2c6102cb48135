package org.deskplane.content.api;

/**
 * A file whose text matches a content search.
 *
 * @param entry   the file as it is now
 * @param snippet a short excerpt of its text around the first match (whitespace collapsed, at most a few hundred
 *                characters), "" when none could be made
 * @since 1.3
 */
public record ContentHit(ContentEntry entry, String snippet) {
}
