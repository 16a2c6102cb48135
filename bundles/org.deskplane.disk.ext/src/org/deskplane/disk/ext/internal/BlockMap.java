package org.deskplane.disk.ext.internal;

import java.io.IOException;

/** Maps a file's logical blocks to physical blocks (extent tree or classic block map). */
interface BlockMap {

    /** Logical blocks are 32-bit in ext; nothing maps beyond this. */
    long MAX_LOGICAL_BLOCKS = 1L << 32;

    /** The run of blocks that holds {@code logicalBlock}: mapped, or a hole that reads as zeros. */
    Run find(long logicalBlock) throws IOException;

    /**
     * {@code length} blocks starting at {@code logicalStart}: at {@code physicalStart}, or zeros when
     * {@code physicalStart} is {@link #ZEROS} (a hole or an uninitialised extent).
     */
    record Run(long logicalStart, long physicalStart, long length) {
        static final long ZEROS = -1;

        boolean isZeros() {
            return physicalStart == ZEROS;
        }
    }
}
