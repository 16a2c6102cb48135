package org.deskplane.delivery.iso.internal;

import java.nio.file.Path;

/** Where a file's bytes come from: a source file read while writing, or bytes given by the caller. */
sealed interface FileContent {

    long size();

    boolean executable();

    /** A source file; {@code size} is what it had when added and must still have when the image is written. */
    record SourceFile(Path path, long size, boolean executable) implements FileContent {
    }

    record Bytes(byte[] bytes, boolean executable) implements FileContent {
        @Override
        public long size() {
            return bytes.length;
        }
    }
}
