package org.deskplane.content.guestfs.internal;

import java.time.Duration;

/** Bounds on what one view asks of the helper VM and accepts from it. */
record GuestfsLimits(Duration launchTimeout, Duration commandTimeout, int maxEntries, int maxListingBytes,
        int statBatch, int readChunk) {
}
