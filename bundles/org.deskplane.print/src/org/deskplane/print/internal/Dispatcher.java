package org.deskplane.print.internal;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Prints spooled jobs: one lane per printer, job by job in the order accepted, on a small shared pool of threads.
 * A lane never blocks a thread while it waits (for a driver to come back, for the next status poll): it is scheduled
 * again later, so printers that are away do not hold up the others.
 */
final class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());
    /** Jobs one lane handles in a row before giving its thread to other lanes. */
    private static final int FAIRNESS = 16;

    private final class Lane implements Runnable {
        final String driver;
        final ArrayDeque<String> jobs = new ArrayDeque<>();
        boolean active; // a run is queued, running or scheduled
        ScheduledFuture<?> pending;

        Lane(String driver) {
            this.driver = driver;
        }

        @Override
        public void run() {
            for (int handled = 0; handled < FAIRNESS; handled++) {
                String id;
                synchronized (this) {
                    pending = null;
                    id = jobs.peek();
                    if (id == null || stopped) {
                        active = false;
                        return;
                    }
                }
                long delay;
                try {
                    delay = runner.step(id);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "print job " + id + " step failed; trying again", e);
                    delay = 1000;
                }
                synchronized (this) {
                    if (delay >= 0) {
                        if (!stopped) {
                            pending = executor.schedule(this, delay, TimeUnit.MILLISECONDS);
                        } else {
                            active = false;
                        }
                        return;
                    }
                    jobs.poll();
                }
            }
            synchronized (this) {
                if (!stopped) {
                    executor.execute(this);
                } else {
                    active = false;
                }
            }
        }

        synchronized void add(String id) {
            jobs.add(id);
            if (!active && !stopped) {
                active = true;
                executor.execute(this);
            }
        }

        /** Runs a waiting lane now instead of at the end of its back-off. */
        synchronized void wake() {
            if (pending != null && pending.cancel(false)) {
                pending = null;
                executor.execute(this);
            }
        }
    }

    /** One step of one job. */
    interface Runner {
        /** @return -1 when the job is done with (ended, or no longer to be handled), else the delay before the next step */
        long step(String jobId);
    }

    private final ScheduledThreadPoolExecutor executor;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final Runner runner;
    private volatile boolean stopped;

    Dispatcher(int threads, Runner runner) {
        this.runner = runner;
        this.executor = new ScheduledThreadPoolExecutor(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "deskplane-print-dispatcher");
            t.setDaemon(true);
            return t;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setRemoveOnCancelPolicy(true);
    }

    void enqueue(String jobId, String driver, String printerId) {
        lanes.computeIfAbsent(driver + "/" + printerId, key -> new Lane(driver)).add(jobId);
    }

    /** A driver came (back): its waiting lanes try now. */
    void wake(String driver) {
        lanes.values().stream().filter(l -> l.driver.equals(driver)).forEach(Lane::wake);
    }

    /** Stops taking steps; a step in progress finishes (bounded wait), the spool keeps every job for the next start. */
    void stop() {
        stopped = true;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(20, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
