package org.deskplane.print.internal;

import org.deskplane.print.api.HostPrinter;

/** The id a VM uses for a host printer: {@code <driver>.<printer id>}, safe as a URL path segment and an IPP name. */
final class VmPrinterIds {

    private VmPrinterIds() {
    }

    static String of(HostPrinter printer) {
        return of(printer.driver(), printer.id());
    }

    static String of(String driver, String printerId) {
        return sanitise(driver) + "." + sanitise(printerId);
    }

    private static String sanitise(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            boolean safe = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_';
            out.append(safe ? c : '_'); // '.' separates driver and printer, so it is replaced inside each part
        }
        return out.toString();
    }
}
