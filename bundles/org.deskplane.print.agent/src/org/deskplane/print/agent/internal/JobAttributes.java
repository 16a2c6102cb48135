package org.deskplane.print.agent.internal;

import java.util.ArrayList;
import java.util.List;

import org.deskplane.ipp.IppAttribute;
import org.deskplane.ipp.IppTags;
import org.deskplane.ipp.IppValue;

/** The IPP job description of a {@link GuestJob}: all of it, or what a request asked for. */
final class JobAttributes {

    private JobAttributes() {
    }

    static List<IppAttribute> all(GuestJob job, String printerUri, long upSeconds) {
        List<IppAttribute> a = new ArrayList<>();
        a.add(IppAttribute.integer("job-id", job.id));
        a.add(IppAttribute.uri("job-uri", printerUri + "/" + job.id));
        a.add(IppAttribute.uri("job-printer-uri", printerUri));
        a.add(IppAttribute.name("job-name", job.name.isEmpty() ? "untitled" : job.name));
        a.add(IppAttribute.name("job-originating-user-name", job.user));
        a.add(IppAttribute.enumeration("job-state", job.state()));
        a.add(IppAttribute.keyword("job-state-reasons", job.reason()));
        a.add(IppAttribute.text("job-state-message", clip(job.message())));
        a.add(IppAttribute.integer("time-at-creation", (int) job.createdSeconds));
        a.add(time("time-at-processing", job.processingSeconds()));
        a.add(time("time-at-completed", job.completedSeconds()));
        a.add(IppAttribute.integer("job-printer-up-time", (int) Math.max(1, upSeconds)));
        a.add(IppAttribute.integer("number-of-documents", job.bytes() > 0 || job.atHost() ? 1 : 0));
        a.add(IppAttribute.integer("job-k-octets", (int) Math.min(Integer.MAX_VALUE, (job.bytes() + 1023) / 1024)));
        a.add(IppAttribute.integer("job-impressions-completed", job.pages()));
        return a;
    }

    /** The attributes a job-creating operation answers with (RFC 8011 §4.2.1.2). */
    static List<IppAttribute> created(GuestJob job, String printerUri, long upSeconds) {
        return select(all(job, printerUri, upSeconds), List.of("job-id", "job-uri", "job-state", "job-state-reasons",
                "job-state-message"));
    }

    static List<IppAttribute> select(List<IppAttribute> all, List<String> requested) {
        if (requested.contains("all") || requested.contains("job-description")) {
            return all;
        }
        return all.stream().filter(a -> requested.contains(a.name())).toList();
    }

    private static IppAttribute time(String name, long seconds) {
        return seconds == 0 ? IppAttribute.of(name, new IppValue.OutOfBandValue(IppTags.NO_VALUE))
                : IppAttribute.integer(name, (int) seconds);
    }

    private static String clip(String s) {
        return s.length() > 255 ? s.substring(0, 255) : s;
    }
}
