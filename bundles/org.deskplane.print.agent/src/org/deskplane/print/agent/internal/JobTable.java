package org.deskplane.print.agent.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The jobs of this agent run, newest last; bounded: beyond the limit the oldest ended jobs are forgotten (IPP
 * clients only need recent history).
 */
final class JobTable {
    private final int limit;
    private final Map<Integer, GuestJob> jobs = new LinkedHashMap<>();
    private int nextId = 1;

    JobTable(int limit) {
        this.limit = Math.max(10, limit);
    }

    synchronized GuestJob create(String key, String printerId, String name, String user, long now) {
        GuestJob job = new GuestJob(nextId++, key, printerId, name, user, now);
        jobs.put(job.id, job);
        if (jobs.size() > limit) {
            jobs.values().stream().filter(GuestJob::terminal).findFirst().ifPresent(old -> jobs.remove(old.id));
        }
        return job;
    }

    synchronized Optional<GuestJob> job(int id) {
        return Optional.ofNullable(jobs.get(id));
    }

    synchronized Optional<GuestJob> byKey(String key) {
        return jobs.values().stream().filter(j -> j.key.equals(key)).findFirst();
    }

    synchronized List<GuestJob> all() {
        return new ArrayList<>(jobs.values());
    }
}
