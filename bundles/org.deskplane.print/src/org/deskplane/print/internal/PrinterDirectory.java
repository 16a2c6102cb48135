package org.deskplane.print.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.deskplane.print.api.HostPrinter;
import org.deskplane.print.api.PrintException;
import org.deskplane.print.api.PrinterDriver;

/**
 * The printer drivers present now and their printers. Listings are cached briefly (a CUPS listing is a network round
 * trip; a busy VM prints many jobs) and dropped when a driver reports a change. Printers of a driver that went away
 * are remembered, so a job for them is still accepted and waits for the driver to come back (a bundle update).
 */
final class PrinterDirectory {

    private static final Logger LOG = Logger.getLogger(PrinterDirectory.class.getName());

    private record Listing(List<HostPrinter> printers, long at) {
    }

    private final Map<String, PrinterDriver> drivers = new ConcurrentHashMap<>();
    private final Map<String, Listing> listings = new ConcurrentHashMap<>();
    private final Map<String, HostPrinter> lastKnown = new ConcurrentHashMap<>();
    private volatile long cacheNanos;

    PrinterDirectory(long cacheMillis) {
        cacheMillis(cacheMillis);
    }

    void cacheMillis(long millis) {
        this.cacheNanos = Math.max(0, millis) * 1_000_000L;
    }

    void add(String id, PrinterDriver driver) {
        drivers.put(id, driver);
        listings.remove(id);
    }

    /** Removes the driver only if it is still the one registered under that id (a replacement may have come). */
    void remove(String id, PrinterDriver driver) {
        drivers.remove(id, driver);
        listings.remove(id);
    }

    void invalidate(String driverId) {
        if (driverId == null) {
            listings.clear();
        } else {
            listings.remove(driverId);
        }
    }

    PrinterDriver driver(String id) {
        return id == null ? null : drivers.get(id);
    }

    List<String> driverIds() {
        return drivers.keySet().stream().sorted().toList();
    }

    /** The printers of every present driver; a driver that fails to list contributes none (logged). */
    List<HostPrinter> printers() {
        List<HostPrinter> all = new ArrayList<>();
        for (String id : driverIds()) {
            all.addAll(printersOf(id));
        }
        return all;
    }

    private List<HostPrinter> printersOf(String id) {
        Listing cached = listings.get(id);
        if (cached != null && System.nanoTime() - cached.at() < cacheNanos) {
            return cached.printers();
        }
        PrinterDriver driver = drivers.get(id);
        if (driver == null) {
            return List.of();
        }
        try {
            List<HostPrinter> printers = List.copyOf(driver.printers());
            listings.put(id, new Listing(printers, System.nanoTime()));
            printers.forEach(p -> lastKnown.put(VmPrinterIds.of(p), p));
            return printers;
        } catch (PrintException | RuntimeException e) {
            LOG.log(Level.FINE, "printer driver " + id + " did not list its printers: " + e.getMessage());
            return List.of();
        }
    }

    /** The printer a VM names: from a present driver, else as last seen (its driver is away for now). */
    Optional<HostPrinter> resolve(String vmPrinterId) {
        for (HostPrinter printer : printers()) {
            if (VmPrinterIds.of(printer).equals(vmPrinterId)) {
                return Optional.of(printer);
            }
        }
        HostPrinter remembered = lastKnown.get(vmPrinterId);
        return remembered != null && driver(remembered.driver()) == null ? Optional.of(remembered) : Optional.empty();
    }
}
