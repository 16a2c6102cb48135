package org.deskplane.vmdiff.rest.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.deskplane.rest.api.ApiException;
import org.deskplane.vmdiff.api.DifferenceException;
import org.deskplane.vmdiff.api.VmHost;

/**
 * The operations the routes started: run on an executor, at most one per VM at a time (a second one for the same VM
 * is refused with 409 while the first runs: two moves of one VM at once would only fight over its lease), and the
 * newest {@code kept} of them remembered for clients to poll.
 */
final class Operations {

    private static final Logger LOG = Logger.getLogger(Operations.class.getName());

    /** The work of one operation; returns what to tell the caller when it succeeded. */
    @FunctionalInterface
    interface Work {
        String run() throws DifferenceException;
    }

    private final ExecutorService executor;
    private final int kept;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, Operation> runningByVm = new ConcurrentHashMap<>();
    /** Oldest first; guarded by itself. */
    private final Map<String, Operation> all = new LinkedHashMap<>();

    Operations(ExecutorService executor, int kept) {
        this.executor = executor;
        this.kept = Math.max(1, kept);
    }

    /**
     * Starts {@code work} for the VM on the host; {@code ended} hears of the outcome (for the audit log). Throws a
     * 409 problem while another operation of the VM runs.
     */
    Operation submit(String vm, String action, VmHost host, String actor, Work work, Consumer<Operation> ended) {
        Operation operation = new Operation(Long.toString(ids.incrementAndGet()), vm, action, host, actor);
        Operation busy = runningByVm.putIfAbsent(vm, operation);
        if (busy != null) {
            throw new ApiException(409, "Busy", vm + " is busy with operation " + busy.id() + " (" + busy.action()
                    + " on " + busy.hostId() + "); wait until it ended");
        }
        remember(operation);
        try {
            executor.execute(() -> run(operation, work, ended));
        } catch (RejectedExecutionException e) {
            runningByVm.remove(vm, operation);
            operation.failed(DifferenceException.Kind.UNREACHABLE.name(), "the server is stopping: not started");
            throw new ApiException(503, "Stopping", "the VM mobility routes are stopping; retry when they are back");
        }
        return operation;
    }

    private void run(Operation operation, Work work, Consumer<Operation> ended) {
        operation.started();
        try {
            operation.succeeded(work.run());
        } catch (DifferenceException e) {
            operation.failed(DifferenceProblems.kindOf(e).name(), DifferenceProblems.describe(e));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "operation " + operation.id() + " (" + operation.action() + " " + operation.vm()
                    + ") failed unexpectedly", e);
            operation.failed(null, "unexpected failure: " + e);
        } finally {
            runningByVm.remove(operation.vm(), operation);
        }
        try {
            ended.accept(operation);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "recording the end of operation " + operation.id(), e);
        }
    }

    private void remember(Operation operation) {
        synchronized (all) {
            all.put(operation.id(), operation);
            Iterator<Operation> oldest = all.values().iterator();
            while (all.size() > kept && oldest.hasNext()) {
                if (oldest.next().state() != Operation.State.RUNNING) {
                    oldest.remove(); // a running one stays: its caller still polls it
                }
            }
        }
    }

    /** Newest first. */
    List<Operation> list() {
        synchronized (all) {
            List<Operation> newestFirst = new ArrayList<>(all.values());
            Collections.reverse(newestFirst);
            return newestFirst;
        }
    }

    Optional<Operation> find(String id) {
        synchronized (all) {
            return Optional.ofNullable(all.get(id));
        }
    }

    Optional<Operation> running(String vm) {
        return Optional.ofNullable(runningByVm.get(vm));
    }
}
