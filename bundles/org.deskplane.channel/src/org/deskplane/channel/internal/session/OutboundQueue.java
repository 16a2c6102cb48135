package org.deskplane.channel.internal.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * Requests and events for one peer that outlive connections. A request stays until its response came or
 * its deadline passed, so after a reconnect everything unanswered is sent again (same request id). Bounded
 * by count and bytes: {@link #offer} refuses instead of growing.
 */
public final class OutboundQueue {

    /** A frame to send; {@code future} is null for events (which leave the queue once written). */
    public record Entry(long id, int frameType, byte[] payload, CompletableFuture<byte[]> future) {
        boolean isRequest() {
            return future != null;
        }
    }

    private final int maxCount;
    private final long maxBytes;
    private final LinkedHashMap<Long, Entry> unanswered = new LinkedHashMap<>();
    private ArrayDeque<Entry> toSend = new ArrayDeque<>();
    private int count;
    private long bytes;

    public OutboundQueue(int maxCount, long maxBytes) {
        this.maxCount = maxCount;
        this.maxBytes = maxBytes;
    }

    public synchronized boolean offer(Entry e) {
        if (count + 1 > maxCount || bytes + e.payload.length > maxBytes) {
            return false;
        }
        if (e.isRequest()) {
            unanswered.put(e.id, e);
        }
        toSend.add(e);
        count++;
        bytes += e.payload.length;
        return true;
    }

    /** Removes an answered or expired request; null when it was not (or no longer) queued. */
    public synchronized Entry remove(long id) {
        Entry e = unanswered.remove(id);
        if (e != null) {
            count--;
            bytes -= e.payload.length;
        }
        return e;
    }

    /** The next entry to write, or null when there is none or the asking connection is no longer current. */
    public synchronized Entry pollToSend(BooleanSupplier connectionStillCurrent) {
        if (!connectionStillCurrent.getAsBoolean()) {
            return null;
        }
        Entry e;
        while ((e = toSend.poll()) != null) {
            if (!e.isRequest()) {
                count--;
                bytes -= e.payload.length;
                return e;
            }
            if (unanswered.containsKey(e.id)) {
                return e;
            }
        }
        return null;
    }

    /** After a new handshake: every unanswered request goes out again (oldest first), then waiting events. */
    public synchronized void requeueAll() {
        ArrayDeque<Entry> next = new ArrayDeque<>(unanswered.values());
        for (Entry e : toSend) {
            if (!e.isRequest()) {
                next.add(e);
            }
        }
        toSend = next;
    }

    public synchronized List<Entry> drainAll() {
        List<Entry> all = new ArrayList<>(unanswered.values());
        unanswered.clear();
        toSend.clear();
        count = 0;
        bytes = 0;
        return all;
    }

    public synchronized int size() {
        return count;
    }

    public synchronized long bytes() {
        return bytes;
    }
}
