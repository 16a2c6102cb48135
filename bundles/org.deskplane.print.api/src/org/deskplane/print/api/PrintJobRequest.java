package org.deskplane.print.api;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A job to print, without its document (which is streamed separately).
 *
 * @param idempotencyKey chosen by the caller, unique per job: 1–64 characters of {@code [A-Za-z0-9._-]}
 *        (safe as a file name and an IPP name); see {@link PrinterDriver#findJob}
 * @param documentFormat MIME type of the document, for example {@code application/pdf}
 * @param jobName a title for people ("" if none)
 * @param origin who asked for the job
 * @param options copies, media, sides…
 */
public record PrintJobRequest(String idempotencyKey, String documentFormat, String jobName, Origin origin,
        PrintOptions options) {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public PrintJobRequest {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        if (!KEY.matcher(idempotencyKey).matches()) {
            throw new IllegalArgumentException("idempotency key must be 1-64 of [A-Za-z0-9._-]: " + idempotencyKey);
        }
        Objects.requireNonNull(documentFormat, "documentFormat");
        jobName = jobName == null ? "" : jobName;
        origin = origin == null ? Origin.UNKNOWN : origin;
        options = options == null ? PrintOptions.DEFAULTS : options;
    }

    /** @return a request with a fresh random idempotency key, no origin and default options. */
    public static PrintJobRequest of(String documentFormat, String jobName) {
        return new PrintJobRequest(UUID.randomUUID().toString(), documentFormat, jobName, Origin.UNKNOWN,
                PrintOptions.DEFAULTS);
    }

    public PrintJobRequest withIdempotencyKey(String key) {
        return new PrintJobRequest(key, documentFormat, jobName, origin, options);
    }

    public PrintJobRequest withOrigin(Origin value) {
        return new PrintJobRequest(idempotencyKey, documentFormat, jobName, value, options);
    }

    public PrintJobRequest withOptions(PrintOptions value) {
        return new PrintJobRequest(idempotencyKey, documentFormat, jobName, origin, value);
    }

    /**
     * Who printed: the user inside the VM, the VM, the application if the guest knows it. Empty strings for
     * what is not known. Drivers record it with the job (for accounting and audit), they do not trust it.
     */
    public record Origin(String user, String vm, String application) {
        public static final Origin UNKNOWN = new Origin("", "", "");

        public Origin {
            user = user == null ? "" : user;
            vm = vm == null ? "" : vm;
            application = application == null ? "" : application;
        }
    }
}
