package org.deskplane.print.cups.internal;

import java.util.ArrayList;
import java.util.List;

import org.deskplane.ipp.AttributeGroup;
import org.deskplane.ipp.IppAttribute;
import org.deskplane.ipp.IppTags;
import org.deskplane.ipp.IppValue;
import org.deskplane.print.api.PrintJobHandle;
import org.deskplane.print.api.PrintJobRequest;
import org.deskplane.print.api.PrintJobState;
import org.deskplane.print.api.PrintJobStatus;
import org.deskplane.print.api.PrintOptions;

/** How Deskplane's jobs look in IPP: the job attributes of a Print-Job, and job-state back to a status. */
final class CupsJobs {

    /** The job attribute that carries the idempotency key; CUPS keeps unknown job attributes with the job. */
    static final String KEY_ATTRIBUTE = "deskplane-job-key";
    static final String ORIGIN_USER = "deskplane-origin-user";
    static final String ORIGIN_VM = "deskplane-origin-vm";
    static final String ORIGIN_APPLICATION = "deskplane-origin-application";

    static final String[] STATUS_ATTRIBUTES = {"job-id", "job-state", "job-state-reasons", "job-state-message",
            "job-impressions-completed", KEY_ATTRIBUTE};

    private CupsJobs() {
    }

    /** @return the job-attributes group of a Print-Job for {@code request}. */
    static List<IppAttribute> jobAttributes(PrintJobRequest request) {
        List<IppAttribute> attributes = new ArrayList<>();
        attributes.add(IppAttribute.name(KEY_ATTRIBUTE, request.idempotencyKey()));
        PrintJobRequest.Origin origin = request.origin();
        if (!origin.user().isEmpty()) {
            attributes.add(IppAttribute.name(ORIGIN_USER, origin.user()));
        }
        if (!origin.vm().isEmpty()) {
            attributes.add(IppAttribute.name(ORIGIN_VM, origin.vm()));
        }
        if (!origin.application().isEmpty()) {
            attributes.add(IppAttribute.name(ORIGIN_APPLICATION, origin.application()));
        }
        PrintOptions o = request.options();
        if (o.copies() != null) {
            attributes.add(IppAttribute.integer("copies", o.copies()));
        }
        if (o.media() != null) {
            attributes.add(IppAttribute.keyword("media", o.media()));
        }
        if (o.sides() != null) {
            attributes.add(IppAttribute.keyword("sides", o.sides()));
        }
        if (o.colorMode() != null) {
            attributes.add(IppAttribute.keyword("print-color-mode", o.colorMode()));
        }
        if (!o.pageRanges().isEmpty()) {
            attributes.add(new IppAttribute("page-ranges", o.pageRanges().stream()
                    .map(r -> (IppValue) new IppValue.RangeValue(r.first(), r.last())).toList()));
        }
        if (o.hold()) {
            attributes.add(IppAttribute.keyword("job-hold-until", "indefinite"));
        }
        return attributes;
    }

    static PrintJobStatus status(PrintJobHandle job, AttributeGroup g) {
        int ippState = g.integer("job-state", 3);
        PrintJobState state = switch (ippState) {
            case 5, 6 -> PrintJobState.PROCESSING;
            case 7 -> PrintJobState.CANCELLED;
            case 8 -> PrintJobState.ABORTED;
            case 9 -> PrintJobState.COMPLETED;
            default -> PrintJobState.PENDING; // 3 pending, 4 pending-held
        };
        List<String> reasons = g.get("job-state-reasons").map(IppAttribute::stringValues).orElse(List.of())
                .stream().filter(r -> !r.equals("none")).toList();
        String message = g.string("job-state-message");
        String reason = String.join(", ", reasons);
        if (message != null && !message.isBlank()) {
            reason = reason.isEmpty() ? message : reason + ": " + message;
        }
        if (state == PrintJobState.ABORTED && reason.isEmpty()) {
            reason = "aborted by the printer (no reason given)";
        }
        int pages = g.get("job-impressions-completed").filter(a -> a.value().tag() == IppTags.INTEGER)
                .map(a -> a.intValue(-1)).orElse(-1);
        return new PrintJobStatus(job, state, reason, pages);
    }
}
