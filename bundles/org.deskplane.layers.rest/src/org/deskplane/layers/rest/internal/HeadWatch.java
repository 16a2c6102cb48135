package org.deskplane.layers.rest.internal;

import java.util.function.LongSupplier;

/**
 * Lets a long poll of a CVD's head wait without spinning: it sleeps on a monitor that publishes and restores made
 * through these routes wake at once, and looks at the store every {@code pollMillis} anyway (a publish may come by
 * another way). The wait is always bounded, so a dispatcher thread is never held longer than the caller asked.
 */
final class HeadWatch {

    private final Object changed = new Object();
    private volatile long pollMillis;

    HeadWatch(long pollMillis) {
        this.pollMillis = pollMillis;
    }

    void pollMillis(long millis) {
        pollMillis = Math.max(5, millis);
    }

    /** Wakes every waiting poll (they re-read the head). */
    void changed() {
        synchronized (changed) {
            changed.notifyAll();
        }
    }

    /** The head once it is above {@code after}, or the last head read when {@code waitMillis} have passed. */
    long awaitAbove(long after, long waitMillis, LongSupplier head) throws InterruptedException {
        long deadline = System.nanoTime() + waitMillis * 1_000_000;
        long current = head.getAsLong();
        while (current <= after) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                break;
            }
            synchronized (changed) {
                changed.wait(Math.min(left, pollMillis));
            }
            current = head.getAsLong();
        }
        return current;
    }
}
