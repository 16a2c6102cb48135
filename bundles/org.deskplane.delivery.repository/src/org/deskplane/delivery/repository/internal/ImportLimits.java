package org.deskplane.delivery.repository.internal;

/** The bounds of one import: compressed bytes read, unpacked bytes kept, files (and archive entries). */
record ImportLimits(long maxArchiveBytes, long maxPayloadBytes, int maxFiles) {

    static final ImportLimits DEFAULTS = new ImportLimits(8L << 30, 8L << 30, 100_000);

    ImportLimits {
        if (maxArchiveBytes < 1 || maxPayloadBytes < 1 || maxFiles < 1) {
            throw new IllegalArgumentException("import limits must be positive");
        }
    }

    static ImportLimits of(RepositoryConfig config) {
        return new ImportLimits(config.maxArchiveBytes(), config.maxPayloadBytes(), config.maxFiles());
    }
}
