package org.deskplane.disk.ext.internal;

import java.time.Instant;

/** Decodes ext timestamps: 32-bit signed seconds, plus (in large inodes) 2 epoch bits and nanoseconds. */
final class ExtTimes {

    private ExtTimes() {
    }

    /** @param extra the *_extra field, or -1 when the inode has none */
    static Instant decode(long seconds32, long extra) {
        long seconds = (int) seconds32; // signed: before 1970 is negative
        long nanos = 0;
        if (extra >= 0) {
            seconds += (extra & 3) << 32; // epoch bits extend the range beyond 2038
            nanos = Math.min(extra >>> 2, 999_999_999L);
        }
        return Instant.ofEpochSecond(seconds, nanos);
    }
}
