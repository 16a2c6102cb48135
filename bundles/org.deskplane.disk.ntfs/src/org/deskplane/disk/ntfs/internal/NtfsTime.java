package org.deskplane.disk.ntfs.internal;

import java.time.Instant;

/** NTFS times: 100-nanosecond ticks since 1601-01-01 UTC. */
final class NtfsTime {

    private static final long SECONDS_1601_TO_1970 = 11_644_473_600L;
    private static final long TICKS_PER_SECOND = 10_000_000L;

    private NtfsTime() {
    }

    /** The instant, or null for 0 (never set). */
    static Instant toInstant(long ticks) {
        if (ticks == 0) {
            return null;
        }
        return Instant.ofEpochSecond(Math.floorDiv(ticks, TICKS_PER_SECOND) - SECONDS_1601_TO_1970,
                Math.floorMod(ticks, TICKS_PER_SECOND) * 100);
    }
}
