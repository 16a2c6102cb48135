package org.deskplane.print.routing;

import java.util.Objects;

import org.deskplane.print.api.HostPrinter;

/**
 * A host printer as one VM sees it.
 *
 * @param id      stable id the guest uses for this printer ({@code <driver>.<printer id>}, safe as a URL path segment)
 * @param printer the host printer behind it, with its capabilities
 * @param nearest whether a location rule chose it as the printer nearest to the VM's host (the guest's default)
 */
public record VmPrinter(String id, HostPrinter printer, boolean nearest) {
    public VmPrinter {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(printer, "printer");
    }
}
