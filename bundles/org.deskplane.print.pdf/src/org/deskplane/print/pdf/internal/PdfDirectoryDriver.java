package org.deskplane.print.pdf.internal;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.deskplane.print.api.HostPrinter;
import org.deskplane.print.api.PrintEvents;
import org.deskplane.print.api.PrintException;
import org.deskplane.print.api.PrintJobHandle;
import org.deskplane.print.api.PrintJobRequest;
import org.deskplane.print.api.PrintJobStatus;
import org.deskplane.print.api.PrinterDriver;
import org.osgi.framework.BundleContext;
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

/** The PDF directory printer as a {@link PrinterDriver}: configuration and events around {@link PdfDirectoryPrinter}. */
@Component(service = PrinterDriver.class, configurationPid = "org.deskplane.print.pdf",
        property = PrinterDriver.DRIVER_PROPERTY + "=pdf")
@Designate(ocd = PdfDriverConfig.class)
public final class PdfDirectoryDriver implements PrinterDriver {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;

    private String id;
    private PdfDirectoryPrinter printer;

    @Activate
    void activate(PdfDriverConfig config, BundleContext context) {
        id = config.print_driver();
        printer = new PdfDirectoryPrinter(id, config.printerId(), config.printerName(), config.location(),
                directory(config, context), config.reserveBytes(), config.maxJobBytes());
        post(PrintEvents.ADDED);
    }

    @Deactivate
    void deactivate() {
        post(PrintEvents.REMOVED);
    }

    /** The configured directory, or {@code <deskplane.data>/print/pdf} with deskplane.data resolved like the server does. */
    static Path directory(PdfDriverConfig config, BundleContext context) {
        if (!config.directory().isBlank()) {
            return Path.of(config.directory()).toAbsolutePath();
        }
        String data = context.getProperty("deskplane.data");
        Path base = data == null || data.isBlank() ? Path.of(System.getProperty("user.dir"), "data") : Path.of(data);
        return base.toAbsolutePath().resolve("print").resolve("pdf");
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public List<HostPrinter> printers() {
        return List.of(printer.describe());
    }

    @Override
    public Optional<HostPrinter> printer(String printerId) {
        return printer.printerId().equals(printerId) ? Optional.of(printer.describe()) : Optional.empty();
    }

    @Override
    public PrintJobHandle submit(String printerId, PrintJobRequest request, InputStream document) throws PrintException {
        return printer.submit(printerId, request, document);
    }

    @Override
    public PrintJobStatus status(PrintJobHandle job) throws PrintException {
        return printer.status(job);
    }

    @Override
    public Optional<PrintJobHandle> findJob(String printerId, String idempotencyKey) throws PrintException {
        return printer.findJob(printerId, idempotencyKey);
    }

    @Override
    public void cancel(PrintJobHandle job) throws PrintException {
        printer.cancel(job);
    }

    private void post(String property) {
        EventAdmin events = eventAdmin;
        if (events != null) {
            String[] none = new String[0];
            events.postEvent(new Event(PrintEvents.PRINTERS_CHANGED, Map.of(PrintEvents.DRIVER, id,
                    PrintEvents.ADDED, property.equals(PrintEvents.ADDED) ? new String[] {printer.printerId()} : none,
                    PrintEvents.REMOVED, property.equals(PrintEvents.REMOVED) ? new String[] {printer.printerId()} : none,
                    PrintEvents.CHANGED, none)));
        }
    }
}
