package org.deskplane.disk.iso9660.internal;

import java.io.IOException;

import org.deskplane.disk.api.DiskFormatException;

/**
 * Turns a RuntimeException escaping the parser (an index or arithmetic error on bytes it failed to foresee) into
 * a DiskFormatException: bad bytes must never surface as a programming error.
 */
final class CorruptionGuard {

    @FunctionalInterface
    interface Parse<T> {
        T run() throws IOException;
    }

    private CorruptionGuard() {
    }

    static <T> T guard(String where, Parse<T> parse) throws IOException {
        try {
            return parse.run();
        } catch (RuntimeException e) {
            throw new DiskFormatException("ISO 9660 " + where + " is corrupt: " + e, e);
        }
    }
}
