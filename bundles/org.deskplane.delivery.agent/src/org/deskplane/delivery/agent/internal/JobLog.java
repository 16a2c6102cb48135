package org.deskplane.delivery.agent.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.deskplane.delivery.wire.DeliveryWire;

/**
 * A job's log: line numbers count every line ever added, but only the newest {@code capacity} are kept (the end of a
 * failing installer's output is what explains it), each cut at {@link DeliveryWire#MAX_LOG_LINE} characters.
 */
final class JobLog {
    private final int capacity;
    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private long dropped;

    JobLog(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(String line) {
        String cut = line.length() > DeliveryWire.MAX_LOG_LINE ? line.substring(0, DeliveryWire.MAX_LOG_LINE) : line;
        lines.addLast(cut);
        if (lines.size() > capacity) {
            lines.removeFirst();
            dropped++;
        }
    }

    /** Lines from number {@code from} on (lines dropped already are skipped), at most {@code max}. */
    synchronized Slice from(int from, int max) {
        long start = Math.max(Math.max(0, from), dropped);
        List<String> out = new ArrayList<>();
        int index = 0;
        for (String line : lines) {
            if (dropped + index >= start && out.size() < max) {
                out.add(line);
            }
            index++;
        }
        return new Slice(out, (int) Math.min(Integer.MAX_VALUE, start + out.size()));
    }

    synchronized long size() {
        return dropped + lines.size();
    }

    record Slice(List<String> lines, int next) {
    }
}
