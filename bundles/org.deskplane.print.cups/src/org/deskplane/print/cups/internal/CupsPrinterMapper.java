package org.deskplane.print.cups.internal;

import java.util.ArrayList;
import java.util.List;

import org.deskplane.ipp.AttributeGroup;
import org.deskplane.ipp.IppAttribute;
import org.deskplane.ipp.IppValue;
import org.deskplane.print.api.HostPrinter;
import org.deskplane.print.api.PrinterCapabilities;

/** Turns a printer-attributes group of CUPS into a {@link HostPrinter}. */
final class CupsPrinterMapper {

    /** The attributes asked for in CUPS-Get-Printers and Get-Printer-Attributes: what the mapper reads. */
    static final String[] REQUESTED = {"printer-name", "printer-info", "printer-location", "printer-state",
            "printer-state-reasons", "printer-is-accepting-jobs", "document-format-supported", "media-supported",
            "media-default", "sides-supported", "print-color-mode-supported", "copies-supported",
            "printer-resolution-supported"};

    private CupsPrinterMapper() {
    }

    static HostPrinter toPrinter(String driver, AttributeGroup g) {
        String name = g.string("printer-name");
        if (name == null) {
            throw new IllegalArgumentException("printer without printer-name");
        }
        HostPrinter.PrinterState state = switch (g.integer("printer-state", 3)) {
            case 4 -> HostPrinter.PrinterState.PROCESSING;
            case 5 -> HostPrinter.PrinterState.STOPPED;
            default -> HostPrinter.PrinterState.IDLE;
        };
        List<String> reasons = strings(g, "printer-state-reasons").stream().filter(r -> !r.equals("none")).toList();
        boolean accepting = g.get("printer-is-accepting-jobs")
                .map(a -> a.value() instanceof IppValue.BooleanValue b && b.value()).orElse(true);
        return new HostPrinter(driver, name, or(g.string("printer-info"), name), or(g.string("printer-location"), ""),
                state, reasons, accepting, capabilities(g));
    }

    private static PrinterCapabilities capabilities(AttributeGroup g) {
        int minCopies = 1;
        int maxCopies = 1;
        IppValue copies = g.get("copies-supported").map(IppAttribute::value).orElse(null);
        if (copies instanceof IppValue.RangeValue r) {
            minCopies = Math.max(1, r.lower());
            maxCopies = Math.max(minCopies, r.upper());
        }
        List<PrinterCapabilities.Resolution> resolutions = new ArrayList<>();
        g.get("printer-resolution-supported").ifPresent(a -> a.values().forEach(v -> {
            if (v instanceof IppValue.ResolutionValue r && r.crossFeed() > 0 && r.feed() > 0) {
                resolutions.add(new PrinterCapabilities.Resolution(r.crossFeed(), r.feed(),
                        r.units() == IppValue.ResolutionValue.DOTS_PER_INCH));
            }
        }));
        List<String> colorModes = strings(g, "print-color-mode-supported");
        return new PrinterCapabilities(strings(g, "document-format-supported"), strings(g, "media-supported"),
                or(g.string("media-default"), ""), strings(g, "sides-supported"),
                colorModes.isEmpty() ? List.of("auto") : colorModes, minCopies, maxCopies, resolutions);
    }

    private static List<String> strings(AttributeGroup g, String name) {
        return g.get(name).map(IppAttribute::stringValues).orElse(List.of());
    }

    private static String or(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }
}
