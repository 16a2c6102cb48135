package org.deskplane.print.cups.internal;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.deskplane.ipp.AttributeGroup;
import org.deskplane.ipp.IppAttribute;
import org.deskplane.ipp.IppMessage;
import org.deskplane.ipp.IppOperation;
import org.deskplane.ipp.IppTags;
import org.deskplane.print.api.HostPrinter;
import org.deskplane.print.api.PrintEvents;
import org.deskplane.print.api.PrintException;
import org.deskplane.print.api.PrintJobHandle;
import org.deskplane.print.api.PrintJobRequest;
import org.deskplane.print.api.PrintJobStatus;
import org.deskplane.print.api.PrinterDriver;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;

/** The host's CUPS queues as a {@link PrinterDriver}. */
@Component(service = PrinterDriver.class, configurationPid = "org.deskplane.print.cups",
        property = PrinterDriver.DRIVER_PROPERTY + "=cups")
@Designate(ocd = CupsDriverConfig.class)
public final class CupsPrinterDriver implements PrinterDriver {

    /** CUPS queue names: printable, no space, slash, hash or percent, at most 127 bytes. */
    private static final Pattern QUEUE_NAME = Pattern.compile("[^\\s/#%?\\\\\"']{1,127}");

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;

    private final AtomicInteger requestIds = new AtomicInteger();
    private String id;
    private String cupsUri;
    private String user;
    private IppHttpClient client;
    private PrinterWatcher watcher;

    @Activate
    void activate(CupsDriverConfig config) {
        id = config.print_driver();
        cupsUri = config.cupsUri().replaceAll("/+$", "");
        IppHttpClient.httpUri(cupsUri); // refuse a malformed URI now, not at the first job
        user = config.requestingUserName();
        client = new IppHttpClient(Duration.ofSeconds(Math.max(1, config.requestTimeoutSeconds())));
        watcher = new PrinterWatcher("deskplane-cups-watcher-" + id, this::printers, this::post);
        watcher.start(Math.max(200, config.pollIntervalSeconds() * 1000L));
    }

    @Deactivate
    void deactivate() {
        watcher.stop();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public List<HostPrinter> printers() throws PrintException {
        IppMessage response = client.send(cupsUri + "/", request(IppOperation.CUPS_GET_PRINTERS)
                .add(IppAttribute.keyword("requested-attributes", CupsPrinterMapper.REQUESTED)).build(), null);
        if (IppErrors.kind(response.code()) == PrintException.Kind.NOT_FOUND) {
            return List.of(); // CUPS answers client-error-not-found when it has no queue at all
        }
        requireSuccess(response, "CUPS-Get-Printers");
        List<HostPrinter> printers = new ArrayList<>();
        for (AttributeGroup g : response.groups(IppTags.PRINTER_ATTRIBUTES)) {
            if (g.string("printer-name") != null) {
                printers.add(CupsPrinterMapper.toPrinter(id, g));
            }
        }
        return printers;
    }

    @Override
    public Optional<HostPrinter> printer(String printerId) throws PrintException {
        if (!QUEUE_NAME.matcher(printerId).matches()) {
            return Optional.empty();
        }
        IppMessage response = client.send(printerUri(printerId), request(IppOperation.GET_PRINTER_ATTRIBUTES)
                .add(IppAttribute.uri("printer-uri", printerUri(printerId)),
                        IppAttribute.keyword("requested-attributes", CupsPrinterMapper.REQUESTED)).build(), null);
        if (IppErrors.kind(response.code()) == PrintException.Kind.NOT_FOUND) {
            return Optional.empty();
        }
        requireSuccess(response, "Get-Printer-Attributes");
        return response.group(IppTags.PRINTER_ATTRIBUTES).map(g -> CupsPrinterMapper.toPrinter(id, g));
    }

    @Override
    public PrintJobHandle submit(String printerId, PrintJobRequest request, InputStream document) throws PrintException {
        String printerUri = checkedPrinterUri(printerId);
        IppMessage.Builder ipp = request(IppOperation.PRINT_JOB)
                .add(IppAttribute.uri("printer-uri", printerUri), IppAttribute.name("requesting-user-name", user),
                        IppAttribute.mimeType("document-format", request.documentFormat()));
        if (!request.jobName().isEmpty()) {
            ipp.add(IppAttribute.name("job-name", request.jobName()));
        }
        ipp.group(IppTags.JOB_ATTRIBUTES).add(CupsJobs.jobAttributes(request).toArray(IppAttribute[]::new));
        IppMessage response = client.sendExpectingSuccess(printerUri, ipp.build(), document);
        int jobId = response.group(IppTags.JOB_ATTRIBUTES).map(g -> g.integer("job-id", -1)).orElse(-1);
        if (jobId < 0) {
            throw new PrintException(PrintException.Kind.FAILED, "CUPS accepted the job but sent no job-id");
        }
        return new PrintJobHandle(id, printerId, Integer.toString(jobId), request.idempotencyKey());
    }

    @Override
    public PrintJobStatus status(PrintJobHandle job) throws PrintException {
        String printerUri = checkedPrinterUri(job.printerId());
        IppMessage response = client.sendExpectingSuccess(printerUri, request(IppOperation.GET_JOB_ATTRIBUTES)
                .add(IppAttribute.uri("printer-uri", printerUri), IppAttribute.integer("job-id", jobId(job)),
                        IppAttribute.name("requesting-user-name", user),
                        IppAttribute.keyword("requested-attributes", CupsJobs.STATUS_ATTRIBUTES)).build(), null);
        AttributeGroup g = response.group(IppTags.JOB_ATTRIBUTES)
                .orElseThrow(() -> new PrintException(PrintException.Kind.FAILED, "CUPS sent no job attributes"));
        return CupsJobs.status(job, g);
    }

    @Override
    public Optional<PrintJobHandle> findJob(String printerId, String idempotencyKey) throws PrintException {
        String printerUri = checkedPrinterUri(printerId);
        IppMessage response = client.sendExpectingSuccess(printerUri, request(IppOperation.GET_JOBS)
                .add(IppAttribute.uri("printer-uri", printerUri), IppAttribute.name("requesting-user-name", user),
                        IppAttribute.keyword("which-jobs", "all"),
                        IppAttribute.keyword("requested-attributes", "job-id", CupsJobs.KEY_ATTRIBUTE)).build(), null);
        for (AttributeGroup g : response.groups(IppTags.JOB_ATTRIBUTES)) {
            if (idempotencyKey.equals(g.string(CupsJobs.KEY_ATTRIBUTE)) && g.integer("job-id", -1) >= 0) {
                return Optional.of(new PrintJobHandle(id, printerId, Integer.toString(g.integer("job-id", -1)),
                        idempotencyKey));
            }
        }
        return Optional.empty();
    }

    @Override
    public void cancel(PrintJobHandle job) throws PrintException {
        String printerUri = checkedPrinterUri(job.printerId());
        IppMessage response = client.send(printerUri, request(IppOperation.CANCEL_JOB)
                .add(IppAttribute.uri("printer-uri", printerUri), IppAttribute.integer("job-id", jobId(job)),
                        IppAttribute.name("requesting-user-name", user)).build(), null);
        if (response.code() == org.deskplane.ipp.IppStatus.CLIENT_ERROR_NOT_POSSIBLE && status(job).state().isTerminal()) {
            return; // already ended: cancel is then a no-op, the status tells how it ended
        }
        requireSuccess(response, "Cancel-Job");
    }

    private void post(PrinterWatcher.Change change) {
        EventAdmin events = eventAdmin;
        if (events != null) {
            events.postEvent(new Event(PrintEvents.PRINTERS_CHANGED, Map.of(PrintEvents.DRIVER, id,
                    PrintEvents.ADDED, change.added().toArray(String[]::new),
                    PrintEvents.REMOVED, change.removed().toArray(String[]::new),
                    PrintEvents.CHANGED, change.changed().toArray(String[]::new))));
        }
    }

    private IppMessage.Builder request(int operation) {
        return IppMessage.request(operation, requestIds.incrementAndGet() & 0x7FFFFFFF).version(1, 1);
    }

    private String printerUri(String printerId) {
        return cupsUri + "/printers/" + printerId;
    }

    private String checkedPrinterUri(String printerId) throws PrintException {
        if (!QUEUE_NAME.matcher(printerId).matches()) {
            throw new PrintException(PrintException.Kind.NOT_FOUND, "no CUPS queue can be called '" + printerId + "'");
        }
        return printerUri(printerId);
    }

    private static int jobId(PrintJobHandle job) throws PrintException {
        try {
            return Integer.parseInt(job.jobId());
        } catch (NumberFormatException e) {
            throw new PrintException(PrintException.Kind.NOT_FOUND, "not a CUPS job id: " + job.jobId());
        }
    }

    private static void requireSuccess(IppMessage response, String operation) throws PrintException {
        if (!org.deskplane.ipp.IppStatus.isSuccess(response.code())) {
            String message = response.operationAttribute("status-message").map(IppAttribute::stringValue).orElse("");
            throw new PrintException(IppErrors.kind(response.code()), operation + " refused by CUPS: "
                    + org.deskplane.ipp.IppStatus.name(response.code()) + (message == null || message.isEmpty() ? "" : " (" + message + ")"));
        }
    }
}
