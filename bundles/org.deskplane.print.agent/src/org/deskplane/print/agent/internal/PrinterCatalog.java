package org.deskplane.print.agent.internal;

import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.deskplane.print.routing.VmPrinter;
import org.deskplane.print.wire.Answer;

/** The printers the host offers this VM, as last asked; the list stays as it was while the host cannot be asked. */
final class PrinterCatalog {
    private static final Logger LOG = Logger.getLogger(PrinterCatalog.class.getName());

    private final HostLink host;
    private volatile List<VmPrinter> printers = List.of();

    PrinterCatalog(HostLink host) {
        this.host = host;
    }

    /** Asks the host again; returns whether that worked. */
    boolean refresh() {
        try {
            printers = host.printers();
            return true;
        } catch (Answer.Refused e) {
            // the host says this VM may print nowhere (no router, no owner…): no printers, and say why
            LOG.log(Level.INFO, "the host offers no printers: " + e.code() + ": " + e.getMessage());
            printers = List.of();
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
