package org.deskplane.print.agent.internal;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.deskplane.print.api.HostPrinter;
import org.deskplane.print.routing.VmPrinter;
import org.deskplane.print.wire.Answer;

/** The printers the host offers this VM, as last asked; the list stays as it was while the host cannot be asked. */
final class PrinterCatalog {
    private static final Logger LOG = Logger.getLogger(PrinterCatalog.class.getName());

    private final HostLink host;
    private final LongSupplier upSeconds;
    private volatile List<VmPrinter> printers = List.of();
    /** Whether the host has answered at least once: before that, "no such printer" is not known to be true. */
    private volatile boolean answered;
    /** Agent up-time (seconds) at which each printer's description / state last changed (IPP wants both). */
    private final Map<String, Long> configChanged = new ConcurrentHashMap<>();
    private final Map<String, Long> stateChanged = new ConcurrentHashMap<>();

    PrinterCatalog(HostLink host, LongSupplier upSeconds) {
        this.host = host;
        this.upSeconds = upSeconds;
    }

    private void replace(List<VmPrinter> fresh) {
        long now = upSeconds.getAsLong();
        for (VmPrinter p : fresh) {
            Optional<VmPrinter> old = printer(p.id());
            HostPrinter o = old.map(VmPrinter::printer).orElse(null);
            HostPrinter n = p.printer();
            if (o == null || !o.name().equals(n.name()) || !o.location().equals(n.location())
                    || !o.capabilities().equals(n.capabilities())) {
                configChanged.put(p.id(), now);
            }
            if (o == null || o.state() != n.state() || !o.stateReasons().equals(n.stateReasons())
                    || o.acceptingJobs() != n.acceptingJobs()) {
                stateChanged.put(p.id(), now);
            }
        }
        printers = fresh;
        answered = true;
    }

    boolean answered() {
        return answered;
    }

    /** @return the agent up-time at which this printer's description last changed */
    long configChangedAt(String id) {
        return Objects.requireNonNullElse(configChanged.get(id), 1L);
    }

    /** @return the agent up-time at which this printer's state last changed */
    long stateChangedAt(String id) {
        return Objects.requireNonNullElse(stateChanged.get(id), 1L);
    }

    /** Asks the host again; returns whether that worked. */
    boolean refresh() {
        try {
            replace(host.printers());
            return true;
        } catch (Answer.Refused e) {
            // the host says this VM may print nowhere (no router, no owner…): no printers, and say why
            LOG.log(Level.INFO, "the host offers no printers: " + e.code() + ": " + e.getMessage());
            replace(List.of());
            return true;
        } catch (HostLink.Unreachable e) {
            // not connected is normal (the tick asks again); a request that failed on a live session is not
            LOG.log(host.connected() ? Level.WARNING : Level.FINE, "could not ask the host for printers: " + e.getMessage());
            return false;
        } catch (Exception e) {
            // the host answered something this agent cannot use: worth a line in the guest's log
            LOG.log(Level.WARNING, "the host's printer list was not usable: " + e, e);
            return false;
        }
    }

    List<VmPrinter> printers() {
        return printers;
    }

    Optional<VmPrinter> printer(String id) {
        return printers.stream().filter(p -> p.id().equals(id)).findFirst();
    }
}
