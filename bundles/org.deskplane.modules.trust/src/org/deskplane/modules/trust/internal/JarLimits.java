package org.deskplane.modules.trust.internal;

/** Bounds of one jar check, so a hostile upload cannot make the host read or allocate without end. */
record JarLimits(long maxJarBytes, int maxEntries, long maxUncompressedBytes) {

    JarLimits {
        if (maxJarBytes <= 0 || maxEntries <= 0 || maxUncompressedBytes <= 0) {
            throw new IllegalArgumentException("jar limits must be positive: maxJarBytes=" + maxJarBytes
                    + ", maxEntries=" + maxEntries + ", maxUncompressedBytes=" + maxUncompressedBytes);
        }
    }

    static JarLimits of(TrustConfig config) {
        return new JarLimits(config.maxJarBytes(), config.maxEntries(), config.maxUncompressedBytes());
    }
}
