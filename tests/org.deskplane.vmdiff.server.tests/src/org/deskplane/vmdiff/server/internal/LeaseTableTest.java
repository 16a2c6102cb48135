package org.deskplane.vmdiff.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.deskplane.vmdiff.api.DifferenceException;
import org.deskplane.vmdiff.api.RunLease;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run lease: one holder per VM, however many ask at once; kept across restarts; stale tokens refused. */
class LeaseTableTest {

    @TempDir
    Path dir;

    @Test
    void ofHostsThatAskAtOnceExactlyOneGetsTheLease() throws Exception {
        LeaseTable table = new LeaseTable(dir.resolve("leases.properties"));
        int hosts = 12;
        CountDownLatch go = new CountDownLatch(1);
        ConcurrentLinkedQueue<RunLease> granted = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<DifferenceException> refused = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(hosts);
        List<Future<?>> all = new ArrayList<>();
        for (int i = 0; i < hosts; i++) {
            String host = "host-" + i;
            all.add(pool.submit(() -> {
                go.await();
                try {
                    granted.add(table.acquire("bob", host));
                } catch (DifferenceException e) {
                    refused.add(e);
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : all) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(1, granted.size(), "exactly one host got the lease");
        assertEquals(hosts - 1, refused.size());
        String winner = granted.peek().holder();
        for (DifferenceException e : refused) {
            assertEquals(DifferenceException.Kind.LEASE_HELD, e.kind());
            assertTrue(e.getMessage().contains(winner), e.getMessage());
        }
        assertEquals(winner, new LeaseTable(dir.resolve("leases.properties")).current("bob").orElseThrow().holder(),
                "the grant survives a restart of the server");
    }

    @Test
    void aStaleTokenIsNeverCurrentAgain() throws Exception {
        LeaseTable table = new LeaseTable(dir.resolve("leases.properties"));
        RunLease first = table.acquire("carol", "host-a");
        assertTrue(table.isCurrent(first));
        table.release(first);
        assertFalse(table.isCurrent(first));
        assertEquals(DifferenceException.Kind.LEASE_HELD, assertThrows(DifferenceException.class, () -> table.release(first)).kind());
        RunLease second = table.acquire("carol", "host-b");
        assertTrue(second.token() > first.token());
        RunLease again = new LeaseTable(dir.resolve("leases.properties")).acquire("carol", "host-b");
        assertTrue(again.token() > second.token(), "tokens keep growing across restarts");
        assertFalse(table.isCurrent(first));
    }

    @Test
    void aReleaseRequestReachesTheHolderAndEndsWithTheNextGrant() throws Exception {
        LeaseTable table = new LeaseTable(dir.resolve("leases.properties"));
        table.requestRelease("dave", "host-b");
        assertTrue(table.releaseRequest("dave").isEmpty(), "nobody to ask while the lease is free");
        RunLease held = table.acquire("dave", "host-a");
        table.requestRelease("dave", "host-a");
        assertTrue(table.releaseRequest("dave").isEmpty(), "the holder does not ask itself");
        table.requestRelease("dave", "host-b");
        assertEquals("host-b", new LeaseTable(dir.resolve("leases.properties")).releaseRequest("dave").orElseThrow(),
                "the request survives a restart of the server");
        table.release(held);
        assertTrue(table.releaseRequest("dave").isEmpty(), "answered by letting go");
        table.acquire("dave", "host-b");
        assertTrue(table.releaseRequest("dave").isEmpty());
    }
}
