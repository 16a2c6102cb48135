package org.deskplane.print.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.deskplane.print.api.PrintJobRequest;
import org.deskplane.print.api.PrintOptions;
import org.deskplane.print.api.PrintOptions.PageRange;

/**
 * What opens a {@code print.submit} stream, before the document: u32 length, then this body.
 *
 * @param key the guest's idempotency key (the same on every resend of one job)
 * @param printerId the VM printer id
 * @param documentFormat MIME type
 * @param jobName the job's title
 * @param user the user the guest's IPP client named (a claim: recorded, never used for policy)
 * @param application the application the guest names, "" if unknown (a claim too)
 * @param declaredBytes the document's size if the guest knows it (a resend from its spool file), else -1
 * @param options copies, media, sides, color mode, page ranges, hold
 */
public record JobHeader(String key, String printerId, String documentFormat, String jobName, String user,
        String application, long declaredBytes, PrintOptions options) {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public byte[] toBytes() {
        WireWriter w = WireWriter.body().str(key).str(printerId).str(documentFormat).str(jobName).str(user)
                .str(application).i64(declaredBytes);
        w.i32(options.copies() == null ? 0 : options.copies()).str(options.media()).str(options.sides())
                .str(options.colorMode());
        w.count(options.pageRanges().size());
        options.pageRanges().forEach(p -> w.i32(p.first()).i32(p.last()));
        w.bool(options.hold());
        return w.toBytes();
    }

    public static JobHeader read(byte[] body) throws WireException {
        WireReader r = WireReader.of(body);
        String key = r.str();
        if (!KEY.matcher(key).matches()) {
            throw WireReader.invalid("idempotency key must be 1-64 of [A-Za-z0-9._-]");
        }
        String printer = r.str();
        String format = r.str();
        if (printer.isEmpty() || format.isEmpty()) {
            throw WireReader.invalid("printer and document format are required");
        }
        String name = r.str();
        String user = r.str();
        String application = r.str();
        long declared = r.i64();
        if (declared < -1) {
            throw WireReader.invalid("declared size " + declared);
        }
        int copies = r.i32();
        String media = r.str();
        String sides = r.str();
        String color = r.str();
        int n = r.count();
        List<PageRange> ranges = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ranges.add(new PageRange(r.i32(), r.i32()));
            }
            boolean hold = r.bool();
            r.end();
            PrintOptions options = new PrintOptions(copies == 0 ? null : copies, blankToNull(media),
                    blankToNull(sides), blankToNull(color), ranges, hold);
            return new JobHeader(key, printer, format, name, user, application, declared, options);
        } catch (IllegalArgumentException e) {
            throw WireReader.invalid(e.getMessage());
        }
    }

    /** The driver-facing request, with the origin the host decided on (its VM key, the guest's claims). */
    public PrintJobRequest toRequest(String vmKey) {
        return new PrintJobRequest(key, documentFormat, jobName,
                new PrintJobRequest.Origin(user, vmKey, application), options);
    }

    private static String blankToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
