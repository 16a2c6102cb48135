package org.deskplane.layers.store.internal;

/**
 * The store's tunables as plain values (the DS component builds them from {@link StoreConfig}; tests and the
 * benchmark build them directly).
 *
 * @param graceMillis how long a chunk or manifest that no version names yet is kept for the publish that will name it
 * @param maxChunkBytes the largest chunk accepted
 * @param compress whether chunks are kept deflated (when that makes them smaller)
 */
public record StoreSettings(long graceMillis, int maxChunkBytes, boolean compress) {

    /** The hard ceiling of a chunk, whatever the configuration says. */
    public static final int CHUNK_CEILING = 16 << 20;

    public StoreSettings {
        if (graceMillis < 0) {
            throw new IllegalArgumentException("negative grace period");
        }
        if (maxChunkBytes <= 0 || maxChunkBytes > CHUNK_CEILING) {
            throw new IllegalArgumentException("max chunk size must be 1.." + CHUNK_CEILING + " bytes");
        }
    }

    public static StoreSettings defaults() {
        return new StoreSettings(3_600_000L, CHUNK_CEILING, true);
    }

    public StoreSettings withGraceMillis(long millis) {
        return new StoreSettings(millis, maxChunkBytes, compress);
    }

    public StoreSettings withCompression(boolean on) {
        return new StoreSettings(graceMillis, maxChunkBytes, on);
    }
}
