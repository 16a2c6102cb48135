package org.deskplane.disk.partition.internal;

import java.io.IOException;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.DiskFormatException;

/**
 * Turns a RuntimeException escaping a parser (an index or arithmetic error on bytes we failed to foresee) into
 * a DiskFormatException: bad bytes must never surface as a programming error.
 */
final class CorruptionGuard {

    @FunctionalInterface
    interface Parse<T> {
        T run() throws IOException;
    }

    private CorruptionGuard() {
    }

    static <T> T guard(String scheme, BlockDevice disk, Parse<T> parse) throws IOException {
        try {
            return parse.run();
        } catch (RuntimeException e) {
            throw new DiskFormatException(scheme + " partition table of " + disk.describe() + " is corrupt: " + e, e);
        }
    }
}
