package org.deskplane.layers.server.internal;

import java.time.Duration;
import java.time.Instant;

import org.deskplane.layers.api.ActivityReport;

/**
 * What the service remembers of one endpoint's user activity between reports (in memory only: after a restart
 * activity is simply measured again). A streak of activity starts with the first report showing input and ends
 * with a report of an idle user.
 */
final class EndpointActivity {
    private Instant activeSince;
    private Instant lastInput = Instant.EPOCH;

    /** Takes a report; {@code idleGap} is how long without input ends a streak. */
    void record(ActivityReport report, Instant now, Duration idleGap) {
        // bounded: an endpoint that never saw input may report any huge figure, and Instant arithmetic overflows
        lastInput = now.minusSeconds(Math.min(Math.max(0, report.idleSeconds()), 100L * 365 * 24 * 3600));
        boolean active = report.activeSeconds() > 0 && report.idleSeconds() < idleGap.toSeconds();
        if (!active) {
            activeSince = null;
        } else {
            Instant claimed = now.minusSeconds(report.activeSeconds());
            if (activeSince == null || claimed.isBefore(activeSince)) {
                activeSince = claimed;
            }
        }
    }

    /** How long the user has been active without a break (zero when idle). */
    Duration activeFor(Instant now) {
        return activeSince == null ? Duration.ZERO : Duration.between(activeSince, now);
    }

    boolean active() {
        return activeSince != null;
    }

    Instant lastInput() {
        return lastInput;
    }
}
