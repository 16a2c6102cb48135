/**
 * A full-text index of the text files of data sources, the {@link org.deskplane.content.api.ContentIndex} service
 * the CAL uses for content searches. Files are read through the same backend-neutral
 * {@link org.deskplane.content.api.ContentView} as every request, so shares, disks and agents are indexed alike.
 * Text is sniffed (UTF-8, UTF-16 with a BOM, Latin-1; binaries are skipped), folded (case, accents) into terms,
 * and kept as an inverted index in memory, persisted atomically under {@code ${deskplane.data}/content-index/}.
 * Rebuilds are incremental (a file with the same etag, size and time is not read again) and run in the
 * background; every read and every structure is bounded.
 */
package org.deskplane.content.index.internal;
