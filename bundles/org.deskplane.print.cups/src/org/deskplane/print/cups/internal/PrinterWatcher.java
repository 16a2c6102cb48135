package org.deskplane.print.cups.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.deskplane.print.api.HostPrinter;
import org.deskplane.print.api.PrintException;

/**
 * Reads the printer list at a fixed interval and reports what changed since the last read: CUPS offers
 * subscriptions too, but a poll also notices a cupsd restart and needs no lease renewal.
 */
final class PrinterWatcher {

    /** What changed between two reads. */
    record Change(Set<String> added, Set<String> removed, Set<String> changed) {
        boolean isEmpty() {
            return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
        }
    }

    /** The printer list source; throws when the backend cannot be asked. */
    interface Source {
        List<HostPrinter> printers() throws PrintException;
    }

    private static final Logger LOG = System.getLogger(PrinterWatcher.class.getName());

    private final Source source;
    private final Consumer<Change> listener;
    private final ScheduledExecutorService timer;
    private Map<String, HostPrinter> last; // only touched by the timer thread
    private boolean lastFailed;

    PrinterWatcher(String name, Source source, Consumer<Change> listener) {
        this.source = source;
        this.listener = listener;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    void start(long intervalMillis) {
        timer.scheduleWithFixedDelay(this::poll, 0, intervalMillis, TimeUnit.MILLISECONDS);
    }

    void stop() {
        timer.shutdownNow();
    }

    private void poll() {
        Map<String, HostPrinter> now = new HashMap<>();
        try {
            source.printers().forEach(p -> now.put(p.id(), p));
            if (lastFailed) {
                LOG.log(Level.INFO, "printer list readable again");
                lastFailed = false;
            }
        } catch (PrintException e) {
            if (!lastFailed) {
                LOG.log(Level.WARNING, "cannot read the printer list: {0}", e.getMessage());
                lastFailed = true;
            }
            return; // an unreachable backend is not "all printers removed": keep the last list
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "reading the printer list failed", e);
            return;
        }
        Change change = diff(last == null ? Map.of() : last, now);
        last = now;
        if (!change.isEmpty()) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "printer change listener failed", e);
            }
        }
    }

    static Change diff(Map<String, HostPrinter> before, Map<String, HostPrinter> after) {
        Set<String> added = new TreeSet<>(after.keySet());
        added.removeAll(before.keySet());
        Set<String> removed = new TreeSet<>(before.keySet());
        removed.removeAll(after.keySet());
        Set<String> changed = new TreeSet<>();
        after.forEach((id, p) -> {
            HostPrinter old = before.get(id);
            if (old != null && !old.equals(p)) {
                changed.add(id);
            }
        });
        return new Change(added, removed, changed);
    }
}
