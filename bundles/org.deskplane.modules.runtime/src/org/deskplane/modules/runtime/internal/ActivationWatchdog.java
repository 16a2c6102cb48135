package org.deskplane.modules.runtime.internal;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a module lifecycle call (start, stop) on a dedicated daemon thread and waits for it at most a given time,
 * so a module that hangs never holds the caller's thread.
 */
final class ActivationWatchdog {

    /** The outcome of a bounded call; {@link #thread} is still running module code when it timed out. */
    record Outcome(boolean timedOut, Throwable failure, Thread thread) {
    }

    Outcome run(String threadName, Callable<?> action, Duration timeout) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                action.call();
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
        try {
            done.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
            return new Outcome(false, null, thread);
        } catch (TimeoutException e) {
            return new Outcome(true, null, thread);
        } catch (ExecutionException e) {
            return new Outcome(false, e.getCause(), thread);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(true, e, thread);
        }
    }
}
