package org.deskplane.print.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.HypervisorException;
import org.deskplane.print.api.HostPrinter;
import org.deskplane.print.routing.PrintingContext;

/**
 * The location rule: where a VM is (its metadata {@value #VM_LOCATION_KEY}, else the configured location of its
 * hypervisor host) and whether a printer is there (same {@code location}, compared without case and outer spaces).
 */
final class Locations {

    static final String VM_LOCATION_KEY = "print.location";

    private final Supplier<List<HypervisorConnection>> connections;
    private final Map<String, String> hostLocations;

    /** @param hostLocations entries {@code <connection id>=<location>} */
    Locations(Supplier<List<HypervisorConnection>> connections, String[] hostLocations) {
        this.connections = connections;
        this.hostLocations = parse(hostLocations);
    }

    static Map<String, String> parse(String[] entries) {
        Map<String, String> map = new HashMap<>();
        for (String entry : entries == null ? new String[0] : entries) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("hostLocations: '" + entry + "' is not <connection id>=<location>");
            }
            map.put(entry.substring(0, eq).strip(), entry.substring(eq + 1).strip());
        }
        return Map.copyOf(map);
    }

    /** @return the VM's location, "" when neither the VM nor its host has one. */
    String of(PrintingContext context) {
        for (HypervisorConnection connection : connections.get()) {
            if (connection.id().equals(context.connectionId())) {
                try {
                    String own = connection.metadata(context.vmUuid()).getOrDefault(VM_LOCATION_KEY, "");
                    if (!own.isBlank()) {
                        return own.strip();
                    }
                } catch (HypervisorException | RuntimeException e) {
                    // host unreachable or VM gone: the host's configured location still says where it is
                }
            }
        }
        return hostLocations.getOrDefault(context.connectionId(), "");
    }

    static boolean near(String vmLocation, HostPrinter printer) {
        return !vmLocation.isBlank() && vmLocation.strip().toLowerCase(Locale.ROOT)
                .equals(printer.location().strip().toLowerCase(Locale.ROOT));
    }
}
