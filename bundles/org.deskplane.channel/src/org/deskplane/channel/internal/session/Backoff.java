package org.deskplane.channel.internal.session;

import java.util.concurrent.ThreadLocalRandom;

/** Reconnect delays: 100 ms doubling up to a cap, with jitter so many agents do not retry in lockstep. */
public final class Backoff {

    private final long initialMillis;
    private final long maxMillis;
    private long next;

    public Backoff(long initialMillis, long maxMillis) {
        this.initialMillis = initialMillis;
        this.maxMillis = maxMillis;
        this.next = initialMillis;
    }

    public void reset() {
        next = initialMillis;
    }

    public long nextDelayMillis() {
        long d = next;
        next = Math.min(maxMillis, next * 2);
        return d / 2 + ThreadLocalRandom.current().nextLong(d / 2 + 1);
    }
}
