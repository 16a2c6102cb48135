package org.deskplane.content.internal;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.deskplane.content.api.ContentException;
import org.deskplane.content.api.ContentException.Reason;
import org.deskplane.content.api.ContentLocation;
import org.deskplane.content.api.ContentSource;
import org.deskplane.content.api.ContentView;

/**
 * Mount sessions: one open {@link ContentView} per user and data source, opened by the first request and reused
 * by later ones, closed when idle, when the source's location changes (the desktop started, so the agent takes
 * over from the disk) or when its backend goes away. Per backend, the number of open views and of operations
 * in progress is limited; beyond that a request gets a clear BUSY instead of waiting.
 */
final class ViewSessions implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ViewSessions.class.getName());

    /** Limits and idle time, per backend. */
    record Limits(int maxOpenViews, int maxOperations, long idleMillis) {
    }

    private record Key(String user, String sourceId) {
    }

    private static final class Session {
        final ContentLocation location;
        final ContentView view;
        volatile long lastUsed;
        /** Readers still open on this view: a long download keeps its session however long it takes. */
        final java.util.concurrent.atomic.AtomicInteger openReaders = new java.util.concurrent.atomic.AtomicInteger();

        Session(ContentLocation location, ContentView view, long now) {
            this.location = location;
            this.view = view;
            this.lastUsed = now;
        }
    }

    /** The work done with a view while an operation slot is held. */
    @FunctionalInterface
    interface ViewWork<T> {
        T apply(ContentView view) throws IOException;
    }

    private final Map<Key, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, Semaphore> operations = new ConcurrentHashMap<>();
    private final java.util.function.LongSupplier clock;
    private volatile Limits limits;

    ViewSessions(Limits limits, java.util.function.LongSupplier clock) {
        this.limits = limits;
        this.clock = clock;
    }

    void limits(Limits newLimits) {
        limits = newLimits;
        operations.clear();
    }

    /** Runs {@code work} on the user's view of {@code location}, opening it with {@code source} if needed. */
    <T> T withView(String user, ContentLocation location, ContentSource source, ViewWork<T> work) throws IOException {
        Semaphore slots = operations.computeIfAbsent(location.backend(), b -> new Semaphore(limits.maxOperations()));
        if (!slots.tryAcquire()) {
            throw new ContentException(Reason.BUSY, "too many operations in progress on the " + location.backend()
                    + " backend (limit " + limits.maxOperations() + "); try again shortly");
        }
        try {
            Session session = session(new Key(user, location.sourceId()), location, source);
            T result = work.apply(session.view);
            if (result instanceof org.deskplane.content.api.ContentReader reader) {
                @SuppressWarnings("unchecked")
                T tracked = (T) new TrackedReader(reader, session);
                return tracked;
            }
            return result;
        } finally {
            slots.release();
        }
    }

    /** A reader that keeps its session from being closed as idle while it is open. */
    private final class TrackedReader implements org.deskplane.content.api.ContentReader {
        private final org.deskplane.content.api.ContentReader reader;
        private final Session session;
        private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

        TrackedReader(org.deskplane.content.api.ContentReader reader, Session session) {
            this.reader = reader;
            this.session = session;
            session.openReaders.incrementAndGet();
        }

        @Override
        public org.deskplane.content.api.ContentEntry entry() {
            return reader.entry();
        }

        @Override
        public int read(long position, byte[] buffer, int offset, int length) throws IOException {
            return reader.read(position, buffer, offset, length);
        }

        @Override
        public void close() throws IOException {
            if (closed.compareAndSet(false, true)) {
                session.lastUsed = clock.getAsLong();
                session.openReaders.decrementAndGet();
                reader.close();
            }
        }
    }

    private Session session(Key key, ContentLocation location, ContentSource source) throws IOException {
        long now = clock.getAsLong();
        Session session = sessions.get(key);
        if (session != null && session.location.equals(location)) {
            session.lastUsed = now;
            return session;
        }
        if (session != null) {
            // the source moved (e.g. disk → agent when the desktop started): the old view is stale
            closeSession(key, session, "its location changed");
        }
        synchronized (this) {
            Session raced = sessions.get(key);
            if (raced != null && raced.location.equals(location)) {
                raced.lastUsed = now;
                return raced;
            }
            long open = sessions.values().stream().filter(s -> s.location.backend().equals(location.backend())).count();
            if (open >= limits.maxOpenViews()) {
                throw new ContentException(Reason.BUSY, "too many open " + location.backend() + " sessions (limit "
                        + limits.maxOpenViews() + "); try again when one is idle");
            }
            Session opened = new Session(location, source.open(location), now);
            sessions.put(key, opened);
            return opened;
        }
    }

    /** Closes the views unused for longer than the idle time. */
    void closeIdle() {
        long cutoff = clock.getAsLong() - limits.idleMillis();
        sessions.forEach((key, session) -> {
            if (session.lastUsed < cutoff && session.openReaders.get() == 0) {
                closeSession(key, session, "idle");
            }
        });
    }

    /** Closes every view of a backend (its service went away). */
    void closeBackend(String backend) {
        sessions.forEach((key, session) -> {
            if (session.location.backend().equals(backend)) {
                closeSession(key, session, "its backend went away");
            }
        });
    }

    int openCount() {
        return sessions.size();
    }

    private void closeSession(Key key, Session session, String why) {
        if (sessions.remove(key, session)) {
            try {
                session.view.close();
                LOG.fine(() -> "closed " + key.sourceId() + " for " + key.user() + ": " + why);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "closing the view of " + key.sourceId() + " failed: " + e);
            }
        }
    }

    @Override
    public void close() {
        sessions.forEach((key, session) -> closeSession(key, session, "shutdown"));
    }
}
