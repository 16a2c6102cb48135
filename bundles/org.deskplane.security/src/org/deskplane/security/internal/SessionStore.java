package org.deskplane.security.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.deskplane.security.api.Role;
import org.deskplane.security.api.Session;

/**
 * Live sessions, in memory only (a restart logs everybody out). Keyed by the SHA-256 of the token: a heap dump
 * does not hand out usable tokens.
 */
final class SessionStore {

    private record Entry(String username, Role role, Instant expiresAt) {
    }

    private final Clock clock;
    private final Map<String, Entry> byTokenHash = new ConcurrentHashMap<>();

    SessionStore(Clock clock) {
        this.clock = clock;
    }

    Session open(String username, Role role, String token, Duration lifetime) {
        removeExpired();
        Instant expiresAt = clock.instant().plus(lifetime);
        byTokenHash.put(hash(token), new Entry(username, role, expiresAt));
        return new Session(username, role, token, expiresAt);
    }

    /** @return the live session of the token; expired sessions are removed and not returned */
    Optional<Session> find(String token) {
        String key = hash(token);
        Entry entry = byTokenHash.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.expiresAt())) {
            byTokenHash.remove(key, entry);
            return Optional.empty();
        }
        return Optional.of(new Session(entry.username(), entry.role(), token, entry.expiresAt()));
    }

    /** @return the user name of the ended session, if the token was live */
    Optional<String> close(String token) {
        return Optional.ofNullable(byTokenHash.remove(hash(token))).map(Entry::username);
    }

    int size() {
        return byTokenHash.size();
    }

    private void removeExpired() {
        Instant now = clock.instant();
        byTokenHash.values().removeIf(entry -> !now.isBefore(entry.expiresAt()));
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
