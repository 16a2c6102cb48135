package org.deskplane.delivery.agent.internal;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.deskplane.delivery.spi.GuestJob;

/**
 * The jobs this guest knows, by id, at most {@code maxJobs}: when full, the oldest job that is not running is
 * forgotten (its files stay until the host releases it); when every job runs, new ones are refused.
 */
final class JobRegistry {
    private final int maxJobs;
    private final int maxLogLines;
    private final Map<String, Job> jobs = new LinkedHashMap<>();

    JobRegistry(int maxJobs, int maxLogLines) {
        this.maxJobs = maxJobs;
        this.maxLogLines = maxLogLines;
    }

    /** The job with this id, made when new; a resent request finds the job it made the first time. */
    synchronized Job getOrCreate(GuestJob request) throws AgentRefusal {
        Job job = jobs.get(request.jobId());
        if (job != null) {
            return job;
        }
        if (jobs.size() >= maxJobs && !evictOne()) {
            throw new AgentRefusal("busy: " + maxJobs + " jobs are running");
        }
        job = new Job(request, maxLogLines);
        jobs.put(request.jobId(), job);
        return job;
    }

    private boolean evictOne() {
        for (Iterator<Job> it = jobs.values().iterator(); it.hasNext();) {
            if (!it.next().isRunning()) {
                it.remove();
                return true;
            }
        }
        return false;
    }

    synchronized Optional<Job> find(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    synchronized void forget(String id) {
        jobs.remove(id);
    }

    synchronized List<Job> all() {
        return List.copyOf(jobs.values());
    }
}
