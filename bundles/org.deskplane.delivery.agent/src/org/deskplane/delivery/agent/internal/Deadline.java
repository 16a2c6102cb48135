package org.deskplane.delivery.agent.internal;

import java.time.Duration;
import java.time.Instant;

/** The manifest's processing timeout as an instant, with the message a job ends with when it passes. */
record Deadline(Instant at, Duration timeout) {

    static Deadline after(Duration timeout) {
        return new Deadline(Instant.now().plus(timeout), timeout);
    }

    boolean passed() {
        return !Instant.now().isBefore(at);
    }

    long remainingMillis() {
        return Math.max(0, Duration.between(Instant.now(), at).toMillis());
    }

    String message() {
        return "timed out after " + timeout.toSeconds() + "s";
    }
}
