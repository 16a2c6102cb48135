package org.deskplane.content.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.deskplane.content.api.ContentEntry;
import org.deskplane.content.api.ContentException;
import org.deskplane.content.api.ContentLocation;
import org.deskplane.content.api.ContentReader;
import org.deskplane.content.api.ContentSource;
import org.deskplane.content.api.ContentView;
import org.deskplane.content.api.EntryType;
import org.junit.jupiter.api.Test;

/** Mount sessions with a counting fake backend (the sessions are what is tested, not a backend). */
class ViewSessionsTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();

    private final ContentSource source = location -> new ContentView() {
        {
            opened.incrementAndGet();
        }

        @Override
        public ContentEntry stat(String path) {
            return new ContentEntry("", path, EntryType.DIRECTORY, 0, null, null, "e");
        }

        @Override
        public List<ContentEntry> list(String path) {
            return List.of();
        }

        @Override
        public ContentReader open(String path) {
            return new ContentReader() {
                @Override
                public ContentEntry entry() {
                    return new ContentEntry("f", path, EntryType.FILE, 1, null, null, "e");
                }

                @Override
                public int read(long position, byte[] buffer, int offset, int length) {
                    return -1;
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public boolean writable() {
            return false;
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    };

    private static ContentLocation disk(String id) {
        return new ContentLocation(id, "disk", Map.of("image", "/images/" + id));
    }

    @Test
    void theFirstRequestOpensLaterOnesReuse() throws Exception {
        ViewSessions sessions = new ViewSessions(new ViewSessions.Limits(8, 8, 60_000), now::get);
        ContentView first = sessions.withView("alice", disk("vm:a"), source, view -> view);
        ContentView second = sessions.withView("alice", disk("vm:a"), source, view -> view);
        assertSame(first, second);
        sessions.withView("bob", disk("vm:a"), source, view -> view);
        assertEquals(2, opened.get(), "one session per user and source");
    }

    @Test
    void idleSessionsCloseAndOpenReadersKeepThemOpen() throws Exception {
        ViewSessions sessions = new ViewSessions(new ViewSessions.Limits(8, 8, 60_000), now::get);
        sessions.withView("alice", disk("vm:a"), source, view -> view);
        ContentReader download = sessions.withView("alice", disk("vm:b"), source, view -> view.open("/big.iso"));
        now.addAndGet(61_000);
        sessions.closeIdle();
        assertEquals(1, closed.get(), "the idle session closed, the one with a download in progress did not");
        download.close();
        now.addAndGet(61_000);
        sessions.closeIdle();
        assertEquals(2, closed.get());
        assertEquals(0, sessions.openCount());
    }

    @Test
    void aMovedSourceGetsAFreshView() throws Exception {
        ViewSessions sessions = new ViewSessions(new ViewSessions.Limits(8, 8, 60_000), now::get);
        ContentView onDisk = sessions.withView("alice", disk("vm:a"), source, view -> view);
        ContentView viaAgent = sessions.withView("alice", new ContentLocation("vm:a", "agent", Map.of("uuid", "u")),
                source, view -> view);
        assertTrue(onDisk != viaAgent);
        assertEquals(1, closed.get(), "the disk view closed when the desktop's agent took over");
    }

    @Test
    void tooManyOpenSessionsIsBusy() throws Exception {
        ViewSessions sessions = new ViewSessions(new ViewSessions.Limits(1, 8, 60_000), now::get);
        sessions.withView("alice", disk("vm:a"), source, view -> view);
        ContentException busy = assertThrows(ContentException.class,
                () -> sessions.withView("alice", disk("vm:b"), source, view -> view));
        assertEquals(ContentException.Reason.BUSY, busy.reason());
        assertTrue(busy.getMessage().contains("limit 1"), busy.getMessage());
    }

    @Test
    void tooManyOperationsInProgressIsBusy() throws Exception {
        ViewSessions sessions = new ViewSessions(new ViewSessions.Limits(8, 1, 60_000), now::get);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread slow = Thread.ofPlatform().start(() -> {
            try {
                sessions.withView("alice", disk("vm:a"), source, view -> {
                    inside.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return null;
                });
            } catch (IOException | RuntimeException e) {
                throw new AssertionError(e);
            }
        });
        inside.await();
        ContentException busy = assertThrows(ContentException.class,
                () -> sessions.withView("bob", disk("vm:a"), source, view -> view));
        assertEquals(ContentException.Reason.BUSY, busy.reason());
        release.countDown();
        slow.join();
        sessions.withView("bob", disk("vm:a"), source, view -> view);
    }

    @Test
    void aGoneBackendClosesItsSessions() throws Exception {
        ViewSessions sessions = new ViewSessions(new ViewSessions.Limits(8, 8, 60_000), now::get);
        sessions.withView("alice", disk("vm:a"), source, view -> view);
        sessions.withView("alice", new ContentLocation("share:p", "share", Map.of()), source, view -> view);
        sessions.closeBackend("disk");
        assertEquals(1, closed.get());
        assertEquals(1, sessions.openCount());
    }
}
