package org.deskplane.print.agent.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.deskplane.ipp.AttributeGroup;
import org.deskplane.ipp.IppAttribute;
import org.deskplane.ipp.IppStatus;
import org.deskplane.ipp.IppValue;
import org.deskplane.print.api.PrintOptions;
import org.deskplane.print.api.PrintOptions.PageRange;
import org.deskplane.print.api.PrinterCapabilities;

/**
 * The job template attributes a client sent, checked against the host printer: with {@code ipp-attribute-fidelity}
 * an unsupported value refuses the job, without it the value is dropped (the printer's default applies).
 */
final class JobOptions {

    private JobOptions() {
    }

    static PrintOptions of(AttributeGroup job, PrinterCapabilities caps, boolean fidelity) throws IppError {
        if (job == null) {
            return PrintOptions.DEFAULTS;
        }
        Integer copies = null;
        int requestedCopies = job.integer("copies", 1);
        if (job.get("copies").isPresent()) {
            if (requestedCopies >= caps.minCopies() && requestedCopies <= caps.maxCopies()) {
                copies = requestedCopies == 1 ? null : requestedCopies;
            } else {
                unsupported(fidelity, "copies " + requestedCopies);
            }
        }
        // a host printer that names no media is offered with A4 (PrinterAttributes): A4 is then its default, sent as none
        List<String> offered = caps.media().isEmpty() ? List.of(PrinterAttributes.FALLBACK_MEDIA) : caps.media();
        String media = keyword(job, "media", offered, fidelity);
        Optional<IppAttribute> mediaCol = job.get("media-col");
        if (media == null && mediaCol.isPresent()) {
            // what a client sends instead of media once the printer has media-col-database (the guest's CUPS does)
            Optional<String> named = MediaSizes.fromMediaCol(mediaCol.get(), offered);
            if (named.isPresent() && offered.contains(named.get())) {
                media = named.get();
            } else {
                unsupported(fidelity, "media-col " + named.orElse("of a size this printer does not have"));
            }
        }
        if (media != null && !caps.media().contains(media)) {
            media = null;
        }
        String sides = keyword(job, "sides", caps.sides(), fidelity);
        String color = keyword(job, "print-color-mode", caps.colorModes(), fidelity);
        if ("one-sided".equals(sides) && !caps.sides().contains("one-sided")) {
            sides = null;
        }
        List<PageRange> ranges = new ArrayList<>();
        Optional<IppAttribute> pages = job.get("page-ranges");
        if (pages.isPresent()) {
            for (IppValue v : pages.get().values()) {
                if (v instanceof IppValue.RangeValue r && r.lower() >= 1) {
                    ranges.add(new PageRange(r.lower(), r.upper()));
                } else {
                    unsupported(fidelity, "page-ranges");
                }
            }
        }
        String hold = job.string("job-hold-until");
        return new PrintOptions(copies, media, sides, color, ranges, hold != null && !hold.equals("no-hold"));
    }

    private static String keyword(AttributeGroup job, String name, List<String> supported, boolean fidelity)
            throws IppError {
        String value = job.string(name);
        if (value == null) {
            return null;
        }
        if (supported.contains(value)) {
            return value;
        }
        unsupported(fidelity, name + " " + value);
        return null;
    }

    private static void unsupported(boolean fidelity, String what) throws IppError {
        if (fidelity) {
            throw new IppError(IppStatus.CLIENT_ERROR_ATTRIBUTES_OR_VALUES_NOT_SUPPORTED, what + " is not supported");
        }
    }
}
