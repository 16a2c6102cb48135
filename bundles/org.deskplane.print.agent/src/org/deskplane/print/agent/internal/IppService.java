package org.deskplane.print.agent.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.deskplane.ipp.AttributeGroup;
import org.deskplane.ipp.IppAttribute;
import org.deskplane.ipp.IppLimits;
import org.deskplane.ipp.IppMessage;
import org.deskplane.ipp.IppOperation;
import org.deskplane.ipp.IppParseException;
import org.deskplane.ipp.IppReader;
import org.deskplane.ipp.IppStatus;
import org.deskplane.ipp.IppTags;
import org.deskplane.ipp.IppValue;
import org.deskplane.ipp.IppWriter;
import org.deskplane.print.api.PrintOptions;
import org.deskplane.print.api.PrinterCapabilities;
import org.deskplane.print.routing.VmPrinter;
import org.deskplane.print.wire.Answer;
import org.deskplane.print.wire.JobHeader;

/**
 * The IPP operations of the virtual printers: checks each request as RFC 8011 asks (request id, the first two
 * operation attributes, charset, target), then Print-Job, Validate-Job, Create-Job + Send-Document, Close-Job,
 * Cancel-Job, Get-Job-Attributes, Get-Jobs, Get-Printer-Attributes. Every problem is an IPP status, never an
 * exception out of here.
 */
final class IppService {
    private static final Logger LOG = Logger.getLogger(IppService.class.getName());
    static final String PATH_PREFIX = "/ipp/print/";
    static final String CUPS_PREFIX = "/printers/";
    /** Served over HTTP GET by {@link HttpServer}: the icon every virtual printer shows. */
    static final String ICON_PATH = "/icons/printer-128.png";
    /** Requests from a guest's clients: generous for real printing, tight for abuse. */
    private static final IppLimits LIMITS = new IppLimits(256 << 10, 1024, 4096, 255, 32767, 4);

    private final PrinterCatalog catalog;
    private final JobTable jobs;
    private final Uploader uploader;
    private final HostLink host;
    private final LongSupplier upSeconds;
    private volatile String base;
    /** Jobs made by Create-Job that have not received their document yet. */
    private final Map<Integer, JobHeader> awaitingDocument = new ConcurrentHashMap<>();

    IppService(PrinterCatalog catalog, JobTable jobs, Uploader uploader, HostLink host, LongSupplier upSeconds) {
        this.catalog = catalog;
        this.jobs = jobs;
        this.uploader = uploader;
        this.host = host;
        this.upSeconds = upSeconds;
    }

    /** The authority printer URIs are made of, e.g. {@code 127.0.0.1:8631}, once the server is bound. */
    void authority(String authority) {
        base = authority;
    }

    String printerUri(String printerId) {
        return "ipp://" + base + PATH_PREFIX + printerId;
    }

    byte[] handle(String httpPath, InputStream body) {
        IppMessage request;
        try {
            request = IppReader.read(body, LIMITS);
        } catch (IppParseException e) {
            return error(1, 1, e.requestId(), e.statusCode(), e.getMessage());
        } catch (IOException e) {
            return error(1, 1, 0, IppStatus.CLIENT_ERROR_BAD_REQUEST, "the request ended early: " + e.getMessage());
        }
        int major = request.versionMajor();
        int minor = request.versionMinor();
        try {
            return IppWriter.toBytes(dispatch(request, httpPath, body).version(major, minor).build());
        } catch (IppError e) {
            return error(major, minor, request.requestId(), e.status, e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "IPP " + IppOperation.name(request.code()) + " failed", e);
            return error(major, minor, request.requestId(), IppStatus.SERVER_ERROR_INTERNAL_ERROR,
                    "internal error: " + e.getMessage());
        }
    }

    private IppMessage.Builder dispatch(IppMessage request, String httpPath, InputStream body) throws IppError {
        checkHeader(request);
        AttributeGroup op = request.group(IppTags.OPERATION_ATTRIBUTES).orElseThrow();
        int operation = request.code();
        return switch (operation) {
            case IppOperation.GET_PRINTER_ATTRIBUTES -> getPrinterAttributes(request, printer(op, httpPath));
            case IppOperation.PRINT_JOB -> printJob(request, op, printer(op, httpPath), body);
            case IppOperation.VALIDATE_JOB -> validateJob(request, op, printer(op, httpPath));
            case IppOperation.CREATE_JOB -> createJob(request, op, printer(op, httpPath));
            case IppOperation.SEND_DOCUMENT -> sendDocument(request, op, job(op, httpPath), body);
            case IppOperation.CLOSE_JOB -> closeJob(request, job(op, httpPath));
            case IppOperation.CANCEL_JOB -> cancelJob(request, job(op, httpPath));
            case IppOperation.GET_JOB_ATTRIBUTES -> getJobAttributes(request, op, job(op, httpPath));
            case IppOperation.GET_JOBS -> getJobs(request, op, printer(op, httpPath));
            case PrinterAttributes.CANCEL_MY_JOBS -> cancelMyJobs(request, op, printer(op, httpPath));
            case IppOperation.IDENTIFY_PRINTER -> identifyPrinter(request, op, printer(op, httpPath));
            default -> throw new IppError(IppStatus.SERVER_ERROR_OPERATION_NOT_SUPPORTED,
                    IppOperation.name(operation) + " is not supported by this printer");
        };
    }

    /** RFC 8011 §4.1.1, §4.1.4: a request id, then attributes-charset and attributes-natural-language, in that order. */
    private static void checkHeader(IppMessage request) throws IppError {
        if (request.requestId() == 0) {
            throw new IppError(IppStatus.CLIENT_ERROR_BAD_REQUEST, "request-id must not be 0");
        }
        Optional<AttributeGroup> op = request.group(IppTags.OPERATION_ATTRIBUTES);
        if (op.isEmpty() || request.groups().get(0).tag() != IppTags.OPERATION_ATTRIBUTES
                || op.get().attributes().size() < 2
                || !op.get().attributes().get(0).name().equals("attributes-charset")
                || !op.get().attributes().get(1).name().equals("attributes-natural-language")) {
            throw new IppError(IppStatus.CLIENT_ERROR_BAD_REQUEST,
                    "the operation attributes must start with attributes-charset and attributes-natural-language");
        }
        String charset = String.valueOf(op.get().attributes().get(0).stringValue()).toLowerCase(Locale.ROOT);
        if (!charset.equals("utf-8") && !charset.equals("us-ascii")) {
            throw new IppError(IppStatus.CLIENT_ERROR_CHARSET_NOT_SUPPORTED, "charset " + charset + " is not supported");
        }
    }

    private VmPrinter printer(AttributeGroup op, String httpPath) throws IppError {
        String uri = op.string("printer-uri");
        if (uri == null) {
            throw new IppError(IppStatus.CLIENT_ERROR_BAD_REQUEST, "printer-uri is required");
        }
        String id = printerId(uri);
        if (catalog.printer(id).isEmpty() && !catalog.answered() && !catalog.refresh()) {
            // just started, the host not reached yet: "not found" would make a client (CUPS's ipp backend) stop the
            // queue for good, while "unavailable" makes it try again a little later
            throw new IppError(IppStatus.SERVER_ERROR_SERVICE_UNAVAILABLE,
                    "the host has not told this VM its printers yet; try again shortly");
        }
        return catalog.printer(id).orElseThrow(() -> new IppError(IppStatus.CLIENT_ERROR_NOT_FOUND,
                "no printer " + id + " (this VM may use: " + catalog.printers().stream().map(VmPrinter::id).toList() + ")"));
    }

    private static String printerId(String uri) throws IppError {
        String path;
        try {
            path = URI.create(uri).getPath();
        } catch (IllegalArgumentException e) {
            throw new IppError(IppStatus.CLIENT_ERROR_BAD_REQUEST, "bad printer-uri");
        }
        // /printers/<id> as well: what CUPS clients (lp -h) ask a server for
        String prefix = path == null ? "" : path.startsWith(PATH_PREFIX) ? PATH_PREFIX
                : path.startsWith(CUPS_PREFIX) ? CUPS_PREFIX : "";
        if (prefix.isEmpty()) {
            throw new IppError(IppStatus.CLIENT_ERROR_NOT_FOUND, "printers are at " + PATH_PREFIX + "<id>");
        }
        String rest = path.substring(prefix.length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    private GuestJob job(AttributeGroup op, String httpPath) throws IppError {
        int id;
        String printerId;
        String jobUri = op.string("job-uri");
        if (op.get("job-id").isPresent()) {
            printer(op, httpPath);
            id = op.integer("job-id", -1);
            printerId = printerId(op.string("printer-uri"));
        } else if (jobUri != null) {
            printerId = printerId(jobUri);
            String path = URI.create(jobUri).getPath();
            try {
                id = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
            } catch (NumberFormatException e) {
                throw new IppError(IppStatus.CLIENT_ERROR_NOT_FOUND, "bad job-uri");
            }
        } else {
            throw new IppError(IppStatus.CLIENT_ERROR_BAD_REQUEST, "job-id (with printer-uri) or job-uri is required");
        }
        int jobId = id;
        return jobs.job(jobId).filter(j -> j.printerId.equals(printerId))
                .orElseThrow(() -> new IppError(IppStatus.CLIENT_ERROR_NOT_FOUND, "no job " + jobId));
    }

    private IppMessage.Builder getPrinterAttributes(IppMessage request, VmPrinter printer) {
        String uri = printerUri(printer.id());
        int queued = (int) jobs.all().stream().filter(j -> j.printerId.equals(printer.id()) && !j.terminal()).count();
        List<IppAttribute> all = PrinterAttributes.describe(printer, uri, "http://" + base + PATH_PREFIX + printer.id(),
                "http://" + base + ICON_PATH, upSeconds.getAsLong(), catalog.configChangedAt(printer.id()),
                catalog.stateChangedAt(printer.id()), queued);
        return ok(request).group(IppTags.PRINTER_ATTRIBUTES)
                .add(PrinterAttributes.select(all, requested(request)).toArray(IppAttribute[]::new));
    }

    private IppMessage.Builder validateJob(IppMessage request, AttributeGroup op, VmPrinter printer) throws IppError {
        jobHeader(request, op, printer, "");
        return ok(request);
    }

    private IppMessage.Builder printJob(IppMessage request, AttributeGroup op, VmPrinter printer, InputStream body)
            throws IppError {
        JobHeader header = jobHeader(request, op, printer, UUID.randomUUID().toString());
        PushbackInputStream document = new PushbackInputStream(body, 8);
        header = withDetectedFormat(header, document, printer);
        GuestJob job = jobs.create(header.key(), printer.id(), header.jobName(), header.user(), upSeconds.getAsLong());
        upload(job, header, document);
        return ok(request).group(IppTags.JOB_ATTRIBUTES).add(JobAttributes.created(job, printerUri(printer.id()),
                upSeconds.getAsLong()).toArray(IppAttribute[]::new));
    }

    private IppMessage.Builder createJob(IppMessage request, AttributeGroup op, VmPrinter printer) throws IppError {
        JobHeader header = jobHeader(request, op, printer, UUID.randomUUID().toString());
        GuestJob job = jobs.create(header.key(), printer.id(), header.jobName(), header.user(), upSeconds.getAsLong());
        awaitingDocument.put(job.id, header);
        return ok(request).group(IppTags.JOB_ATTRIBUTES).add(JobAttributes.created(job, printerUri(printer.id()),
                upSeconds.getAsLong()).toArray(IppAttribute[]::new));
    }

    private IppMessage.Builder sendDocument(IppMessage request, AttributeGroup op, GuestJob job, InputStream body)
            throws IppError {
        Optional<IppAttribute> last = op.get("last-document");
        if (last.isEmpty() || !(last.get().value() instanceof IppValue.BooleanValue lastDocument)) {
            throw new IppError(IppStatus.CLIENT_ERROR_BAD_REQUEST, "last-document (boolean) is required");
        }
        JobHeader created = awaitingDocument.get(job.id);
        if (created == null || job.terminal()) {
            throw new IppError(IppStatus.CLIENT_ERROR_NOT_POSSIBLE, "job " + job.id + " does not take a document now");
        }
        if (!lastDocument.value()) {
            throw new IppError(IppError.MULTIPLE_DOCUMENT_JOBS_NOT_SUPPORTED, "one document per job");
        }
        VmPrinter printer = catalog.printer(job.printerId).orElseThrow(() -> new IppError(
                IppStatus.SERVER_ERROR_NOT_ACCEPTING_JOBS, "printer " + job.printerId + " is gone"));
        String format = documentFormat(op, printer.printer().capabilities());
        JobHeader header = new JobHeader(created.key(), created.printerId(), format, created.jobName(),
                created.user(), created.application(), -1, created.options());
        PushbackInputStream document = new PushbackInputStream(body, 8);
        header = withDetectedFormat(header, document, printer);
        awaitingDocument.remove(job.id);
        upload(job, header, document);
        return ok(request).group(IppTags.JOB_ATTRIBUTES).add(JobAttributes.created(job, printerUri(job.printerId),
                upSeconds.getAsLong()).toArray(IppAttribute[]::new));
    }

    private IppMessage.Builder closeJob(IppMessage request, GuestJob job) {
        if (awaitingDocument.remove(job.id) != null) {
            job.end(GuestJob.ABORTED, "aborted-by-system", "closed without a document", upSeconds.getAsLong());
        }
        return ok(request);
    }

    private void upload(GuestJob job, JobHeader header, InputStream document) throws IppError {
        try {
            uploader.upload(job, header, document);
        } catch (IOException e) {
            throw new IppError(IppStatus.CLIENT_ERROR_BAD_REQUEST, "the document did not arrive completely: " + e.getMessage());
        }
    }

    private IppMessage.Builder cancelJob(IppMessage request, GuestJob job) throws IppError {
        if (job.terminal()) {
            throw new IppError(IppStatus.CLIENT_ERROR_NOT_POSSIBLE, "job " + job.id + " has already ended");
        }
        if (!job.atHost()) {
            // the host never had it: cancelling is ours to do, and the spool copy must not be resent
            awaitingDocument.remove(job.id);
            job.end(GuestJob.CANCELED, "job-canceled-by-user", "cancelled before it reached the host", upSeconds.getAsLong());
            uploader.forget(job.key);
            return ok(request);
        }
        try {
            job.update(host.cancel(job.key), upSeconds.getAsLong());
        } catch (Answer.Refused e) {
            throw new IppError(IppStatus.CLIENT_ERROR_NOT_POSSIBLE, "the host did not cancel it: " + e.getMessage());
        } catch (IOException e) {
            throw new IppError(IppStatus.SERVER_ERROR_SERVICE_UNAVAILABLE, "the host cannot be reached: " + e.getMessage());
        }
        return ok(request);
    }

    /** PWG 5100.11 Cancel-My-Jobs: the requesting user's unfinished jobs on this printer, or those of job-ids. */
    private IppMessage.Builder cancelMyJobs(IppMessage request, AttributeGroup op, VmPrinter printer) throws IppError {
        String user = user(op);
        List<Integer> ids = op.get("job-ids").map(IppAttribute::intValues).orElse(List.of());
        List<GuestJob> mine = new ArrayList<>();
        for (GuestJob job : jobs.all()) {
            if (job.printerId.equals(printer.id()) && job.user.equals(user) && !job.terminal()
                    && (ids.isEmpty() || ids.contains(job.id))) {
                mine.add(job);
            }
        }
        for (int id : ids) {
            if (mine.stream().noneMatch(j -> j.id == id)) {
                throw new IppError(IppStatus.CLIENT_ERROR_NOT_POSSIBLE, "job " + id + " is not an unfinished job of "
                        + user + " on this printer");
            }
        }
        for (GuestJob job : mine) {
            cancelJob(request, job);
        }
        return ok(request);
    }

    /** Identify-Printer: a virtual printer has no panel to light up; the guest's log says who asked. */
    private IppMessage.Builder identifyPrinter(IppMessage request, AttributeGroup op, VmPrinter printer) {
        List<String> actions = op.get("identify-actions").map(IppAttribute::stringValues).orElse(List.of("display"));
        String message = Optional.ofNullable(op.string("message")).orElse("");
        LOG.info("Identify-Printer " + printer.id() + " by " + user(op) + " (" + String.join(",", actions) + ")"
                + (message.isEmpty() ? "" : ": " + clip(message)));
        return ok(request);
    }

    private IppMessage.Builder getJobAttributes(IppMessage request, AttributeGroup op, GuestJob job) {
        List<String> requested = requested(request);
        List<IppAttribute> all = JobAttributes.all(job, printerUri(job.printerId), upSeconds.getAsLong());
        return ok(request).group(IppTags.JOB_ATTRIBUTES).add((requested.isEmpty() ? all
                : JobAttributes.select(all, requested)).toArray(IppAttribute[]::new));
    }

    private IppMessage.Builder getJobs(IppMessage request, AttributeGroup op, VmPrinter printer) throws IppError {
        String which = Optional.ofNullable(op.string("which-jobs")).orElse("not-completed");
        if (!List.of("completed", "not-completed", "all").contains(which)) {
            throw new IppError(IppStatus.CLIENT_ERROR_ATTRIBUTES_OR_VALUES_NOT_SUPPORTED, "which-jobs " + which);
        }
        boolean myJobs = op.get("my-jobs").map(a -> a.value() instanceof IppValue.BooleanValue b && b.value()).orElse(false);
        String user = user(op);
        int limit = op.integer("limit", Integer.MAX_VALUE);
        List<String> requested = requested(request);
        if (requested.isEmpty()) {
            requested = List.of("job-id", "job-uri");
        }
        IppMessage.Builder answer = ok(request);
        List<GuestJob> list = new ArrayList<>(jobs.all());
        java.util.Collections.reverse(list); // newest first
        int n = 0;
        for (GuestJob job : list) {
            boolean ended = job.terminal();
            if (!job.printerId.equals(printer.id()) || which.equals("completed") && !ended
                    || which.equals("not-completed") && ended || myJobs && !job.user.equals(user)) {
                continue;
            }
            if (n++ >= limit) {
                break;
            }
            answer.group(IppTags.JOB_ATTRIBUTES).add(JobAttributes.select(JobAttributes.all(job,
                    printerUri(printer.id()), upSeconds.getAsLong()), requested).toArray(IppAttribute[]::new));
        }
        return answer;
    }

    /** The job a creating operation describes, with its template attributes checked against the printer. */
    private JobHeader jobHeader(IppMessage request, AttributeGroup op, VmPrinter printer, String key) throws IppError {
        if (!printer.printer().acceptingJobs()) {
            throw new IppError(IppStatus.SERVER_ERROR_NOT_ACCEPTING_JOBS, "the host printer is not accepting jobs");
        }
        String compression = op.string("compression");
        if (compression != null && !compression.equals("none")) {
            throw new IppError(IppError.COMPRESSION_NOT_SUPPORTED, "compression " + compression + " is not supported");
        }
        PrinterCapabilities caps = printer.printer().capabilities();
        String format = documentFormat(op, caps);
        boolean fidelity = op.get("ipp-attribute-fidelity")
                .map(a -> a.value() instanceof IppValue.BooleanValue b && b.value()).orElse(false);
        AttributeGroup job = request.group(IppTags.JOB_ATTRIBUTES).orElse(null);
        PrintOptions options = JobOptions.of(job, caps, fidelity);
        String name = Optional.ofNullable(op.string("job-name")).orElse(Optional.ofNullable(op.string("document-name")).orElse(""));
        return new JobHeader(key.isEmpty() ? "validate" : key, printer.id(), format, clip(name), user(op), "", -1, options);
    }

    private static String documentFormat(AttributeGroup op, PrinterCapabilities caps) throws IppError {
        String format = Optional.ofNullable(op.string("document-format")).orElse(PrinterAttributes.AUTO);
        if (!PrinterAttributes.formats(caps).contains(format)) {
            throw new IppError(IppStatus.CLIENT_ERROR_DOCUMENT_FORMAT_NOT_SUPPORTED, "document-format " + format
                    + " is not supported; this printer takes " + PrinterAttributes.formats(caps));
        }
        return format;
    }

    /** For {@code application/octet-stream}, the format the document's first bytes show. */
    private static JobHeader withDetectedFormat(JobHeader header, PushbackInputStream document, VmPrinter printer)
            throws IppError {
        if (!header.documentFormat().equals(PrinterAttributes.AUTO)) {
            return header;
        }
        byte[] head = new byte[8];
        int n;
        try {
            n = document.readNBytes(head, 0, head.length);
            document.unread(head, 0, n);
        } catch (IOException e) {
            throw new IppError(IppStatus.CLIENT_ERROR_BAD_REQUEST, "the document did not arrive: " + e.getMessage());
        }
        String magic = new String(head, 0, n, StandardCharsets.ISO_8859_1);
        String format = magic.startsWith("%PDF") ? "application/pdf"
                : magic.startsWith("RaS2") ? "image/pwg-raster"
                : magic.startsWith("%!") ? "application/postscript"
                : magic.startsWith("UNIRAST") ? "image/urf"
                : n >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 ? "image/jpeg" : "";
        if (format.isEmpty() || !printer.printer().capabilities().documentFormats().contains(format)) {
            throw new IppError(IppStatus.CLIENT_ERROR_DOCUMENT_FORMAT_NOT_SUPPORTED, format.isEmpty()
                    ? "the document's format is not recognised; send document-format"
                    : format + " is not supported by this printer");
        }
        return new JobHeader(header.key(), header.printerId(), format, header.jobName(), header.user(),
                header.application(), header.declaredBytes(), header.options());
    }

    private static String user(AttributeGroup op) {
        String user = op.string("requesting-user-name");
        return user == null || user.isBlank() ? "anonymous" : clip(user);
    }

    private static List<String> requested(IppMessage request) {
        return request.operationAttribute("requested-attributes").map(IppAttribute::stringValues).orElse(List.of());
    }

    private static IppMessage.Builder ok(IppMessage request) {
        return IppMessage.response(IppStatus.SUCCESSFUL_OK, request.requestId());
    }

    private static byte[] error(int major, int minor, int requestId, int status, String message) {
        return IppWriter.toBytes(IppMessage.response(status, requestId).version(major == 2 ? 2 : 1, major == 2 ? minor : 1)
                .add(IppAttribute.text("status-message", clip(message == null ? IppStatus.name(status) : message)))
                .build());
    }

    private static String clip(String s) {
        return s.length() > 255 ? s.substring(0, 255) : s;
    }
}
