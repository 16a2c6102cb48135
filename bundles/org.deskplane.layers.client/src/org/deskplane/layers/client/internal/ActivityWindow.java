package org.deskplane.layers.client.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

import org.deskplane.layers.api.ActivityReport;

/**
 * The user's activity on this endpoint over the last minute, as the seconds in which something happened. The
 * server's hysteresis works on these reports, so one stray event does not move the master role.
 */
final class ActivityWindow {

    private static final Duration WINDOW = Duration.ofMinutes(1);
    /** Idle "forever": ten years, a figure any clock arithmetic on the server survives. */
    private static final long NEVER = 10L * 365 * 24 * 3600;

    private final Clock clock;
    private final Deque<Long> seconds = new ArrayDeque<>();
    private Instant last = Instant.EPOCH;

    ActivityWindow(Clock clock) {
        this.clock = clock;
    }

    synchronized void mark() {
        Instant now = clock.instant();
        last = now;
        long second = now.getEpochSecond();
        if (seconds.isEmpty() || seconds.peekLast() != second) {
            seconds.addLast(second);
        }
    }

    synchronized ActivityReport report(String endpointId, boolean loggedOn) {
        Instant now = clock.instant();
        long oldest = now.minus(WINDOW).getEpochSecond();
        while (!seconds.isEmpty() && seconds.peekFirst() < oldest) {
            seconds.removeFirst();
        }
        long idle = last.equals(Instant.EPOCH) ? NEVER : Math.min(NEVER, Duration.between(last, now).toSeconds());
        return new ActivityReport(endpointId, seconds.size(), idle, loggedOn);
    }
}
