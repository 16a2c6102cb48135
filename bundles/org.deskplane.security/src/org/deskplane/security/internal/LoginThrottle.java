package org.deskplane.security.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Counts failed logins per key (a user name or a client address). {@code maxFailedAttempts} failures within the
 * window lock the key for the lock-out time. Memory is bounded: past {@link #MAX_KEYS} keys, stale ones are
 * dropped, then the oldest.
 */
final class LoginThrottle {

    static final int MAX_KEYS = 50_000;

    private final Clock clock;
    private volatile AuthSettings settings;
    private final Map<String, Failures> byKey = new LinkedHashMap<>();

    private static final class Failures {
        final Deque<Instant> times = new ArrayDeque<>();
        Instant lockedUntil;
    }

    LoginThrottle(Clock clock, AuthSettings settings) {
        this.clock = clock;
        this.settings = settings;
    }

    void update(AuthSettings newSettings) {
        this.settings = newSettings;
    }

    /** @return how long the key stays locked, or empty when it is not locked now */
    synchronized Optional<Duration> lockedFor(String key) {
        Failures failures = byKey.get(key);
        Instant now = clock.instant();
        if (failures == null || failures.lockedUntil == null || !now.isBefore(failures.lockedUntil)) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, failures.lockedUntil));
    }

    /** @return true when this failure locked the key (after {@code limit} failures within the window) */
    synchronized boolean recordFailure(String key, int limit) {
        AuthSettings current = settings;
        Instant now = clock.instant();
        Failures failures = byKey.computeIfAbsent(key, k -> new Failures());
        forgetOld(failures, now, current);
        failures.times.addLast(now);
        boolean locked = false;
        if (failures.times.size() >= limit) {
            failures.lockedUntil = now.plus(current.lockout());
            failures.times.clear();
            locked = true;
        }
        if (byKey.size() > MAX_KEYS) {
            shrink(now, current);
        }
        return locked;
    }

    /** A successful login forgets the user name's failures (not the address's: see the caller). */
    synchronized void reset(String key) {
        byKey.remove(key);
    }

    private static void forgetOld(Failures failures, Instant now, AuthSettings settings) {
        Instant windowStart = now.minus(settings.failureWindow());
        while (!failures.times.isEmpty() && failures.times.peekFirst().isBefore(windowStart)) {
            failures.times.removeFirst();
        }
        if (failures.lockedUntil != null && !now.isBefore(failures.lockedUntil)) {
            failures.lockedUntil = null;
        }
    }

    private void shrink(Instant now, AuthSettings current) {
        byKey.values().removeIf(f -> {
            forgetOld(f, now, current);
            return f.times.isEmpty() && f.lockedUntil == null;
        });
        Iterator<Map.Entry<String, Failures>> oldest = byKey.entrySet().iterator();
        while (byKey.size() > MAX_KEYS && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }
}
