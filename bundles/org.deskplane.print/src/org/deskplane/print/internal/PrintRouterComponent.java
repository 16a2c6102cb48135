package org.deskplane.print.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.print.api.HostPrinter;
import org.deskplane.print.api.PrintEvents;
import org.deskplane.print.api.PrintException;
import org.deskplane.print.api.PrintException.Kind;
import org.deskplane.print.api.PrintJobRequest;
import org.deskplane.print.api.PrintJobStatus;
import org.deskplane.print.api.PrinterDriver;
import org.deskplane.print.convert.DocumentConverter;
import org.deskplane.print.policy.PrintPolicyRule;
import org.deskplane.print.routing.PrintRouter;
import org.deskplane.print.routing.PrintingContext;
import org.deskplane.print.routing.SpoolState;
import org.deskplane.print.routing.SpooledJob;
import org.deskplane.print.routing.VmPrinter;
import org.deskplane.security.api.AuditLog;
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
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The print router as a service: policy, durable spool, dispatch to the printer drivers, audit. Drivers and policy
 * rules come and go while it runs (dynamic references); every change that may change what VMs see is posted as
 * {@code VM_PRINTERS_CHANGED}.
 */
@Component(service = { PrintRouter.class, EventHandler.class }, configurationPid = "org.deskplane.print.router",
        property = EventConstants.EVENT_TOPIC + "=" + PrintEvents.PRINTERS_CHANGED)
@Designate(ocd = RouterConfig.class)
public final class PrintRouterComponent implements PrintRouter, EventHandler {

    private static final Logger LOG = Logger.getLogger(PrintRouterComponent.class.getName());

    private final PrinterDirectory printers = new PrinterDirectory(2000);
    private final List<PolicyRuleComponent> rules = new CopyOnWriteArrayList<>();
    /** Striped locks so that two submits with the same key run one after the other. */
    private final Object[] submitLocks = new Object[64];

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<HypervisorConnection> connections;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditLog audit;

    private final FormatConverters converters = new FormatConverters();
    private final JobReporter reporter = new JobReporter(() -> eventAdmin, () -> audit);
    private volatile SpoolStore store;
    private volatile JobRunner runner;
    private volatile Dispatcher dispatcher;
    private volatile Locations locations;
    private boolean keepDocuments;

    public PrintRouterComponent() {
        for (int i = 0; i < submitLocks.length; i++) {
            submitLocks[i] = new Object();
        }
    }

    @Activate
    void activate(RouterConfig config, BundleContext context) throws IOException {
        keepDocuments = config.keepDocuments();
        printers.cacheMillis(config.printerCacheMillis());
        printers.invalidate(null);
        locations = new Locations(this::connections, config.hostLocations());
        SpoolStore spool = new SpoolStore(spoolDirectory(config, context), config.reserveBytes(), config.maxJobBytes());
        List<JobRecord> loaded = spool.load();
        store = spool;
        runner = new JobRunner(spool, printers, converters, new JobRunner.JobEnds() {
            @Override
            public void ended(JobRecord job) {
                onEnded(job);
            }

            @Override
            public void changed(JobRecord job) {
                reporter.changed(job);
            }
        }, config.maxRetrySeconds() * 1000L);
        dispatcher = new Dispatcher(config.workers(), runner);
        recover(loaded, Duration.ofDays(Math.max(0, config.retentionDays())));
    }

    @Deactivate
    void deactivate() {
        Dispatcher current = dispatcher;
        if (current != null) {
            current.stop();
        }
    }

    /** Every job that had not ended is taken up again, in the order accepted; old ended records are forgotten. */
    private void recover(List<JobRecord> loaded, Duration retention) throws IOException {
        Instant horizon = Instant.now().minus(retention);
        List<JobRecord> open = new ArrayList<>();
        for (JobRecord job : loaded) {
            if (!job.state().isTerminal()) {
                open.add(job);
            } else if (job.updated().isBefore(horizon)) {
                store.remove(job.id());
            } else if (!keepDocuments) {
                store.deleteDocument(job.id()); // ended just before a crash, before its document was deleted
            }
        }
        open.sort(Comparator.comparing(JobRecord::created));
        for (JobRecord job : open) {
            if (job.handle() == null && !Files.exists(store.document(job.id()))) {
                try {
                    runner.finish(job.id(), SpoolState.ABORTED, "the spooled document was lost", 0);
                } catch (PrintException e) {
                    LOG.log(Level.WARNING, "could not record the loss of print job " + job.id(), e);
                }
                continue;
            }
            dispatcher.enqueue(job.id(), job.driver(), job.printerId());
        }
    }

    static Path spoolDirectory(RouterConfig config, BundleContext context) {
        if (!config.spoolDirectory().isBlank()) {
            return Path.of(config.spoolDirectory()).toAbsolutePath();
        }
        String data = context.getProperty("deskplane.data");
        Path base = data == null || data.isBlank() ? Path.of(System.getProperty("user.dir"), "data") : Path.of(data);
        return base.toAbsolutePath().resolve("print").resolve("spool");
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindDriver(PrinterDriver driver, Map<String, Object> properties) {
        String id = driverId(driver, properties);
        printers.add(id, driver);
        reporter.vmPrintersChanged("driver " + id + " added");
        Dispatcher current = dispatcher;
        if (current != null) {
            current.wake(id);
        }
    }

    void unbindDriver(PrinterDriver driver, Map<String, Object> properties) {
        String id = driverId(driver, properties);
        printers.remove(id, driver);
        reporter.vmPrintersChanged("driver " + id + " removed");
    }

    private static String driverId(PrinterDriver driver, Map<String, Object> properties) {
        Object id = properties.get(PrinterDriver.DRIVER_PROPERTY);
        return id != null ? id.toString() : driver.id();
    }

    /** Converters are optional: without one a printer is offered with the formats it accepts itself. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindConverter(DocumentConverter converter) {
        converters.add(converter);
        reporter.vmPrintersChanged("document converter from " + converter.sourceFormat() + " added");
    }

    void unbindConverter(DocumentConverter converter) {
        converters.remove(converter);
        reporter.vmPrintersChanged("document converter from " + converter.sourceFormat() + " removed");
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindRule(PolicyRuleComponent rule) {
        rules.add(rule);
        reporter.vmPrintersChanged("print policy rule " + rule.rule().name() + " added");
    }

    void unbindRule(PolicyRuleComponent rule) {
        rules.remove(rule);
        reporter.vmPrintersChanged("print policy rule " + rule.rule().name() + " removed");
    }

    @Override
    public void handleEvent(Event event) {
        Object driver = event.getProperty(PrintEvents.DRIVER);
        printers.invalidate(driver == null ? null : driver.toString());
        reporter.vmPrintersChanged("printers of driver " + driver + " changed");
    }

    private List<HypervisorConnection> connections() {
        List<HypervisorConnection> current = connections;
        return current == null ? List.of() : current;
    }

    private List<PrintPolicyRule> policy() {
        return rules.stream().map(PolicyRuleComponent::rule).toList();
    }

    @Override
    public List<VmPrinter> printersFor(PrintingContext context) throws PrintException {
        String location = locations.of(context);
        List<PrintPolicyRule> policy = policy();
        List<VmPrinter> visible = new ArrayList<>();
        for (HostPrinter printer : printers.printers()) {
            String id = VmPrinterIds.of(printer);
            boolean nearest = Locations.near(location, printer);
            if (PrintPolicyEngine.decide(policy, new PolicyRequest(context, id, printer, nearest, "")).allowed()) {
                visible.add(new VmPrinter(id, converters.widen(printer), nearest));
            }
        }
        visible.sort(Comparator.comparing((VmPrinter p) -> !p.nearest()).thenComparing(VmPrinter::id));
        return visible;
    }

    @Override
    public SpooledJob submit(PrintingContext context, String vmPrinterId, PrintJobRequest request, InputStream document,
            long declaredBytes) throws PrintException {
        SpoolStore spool = requireStore();
        String id = request.idempotencyKey();
        synchronized (submitLocks[Math.floorMod(id.hashCode(), submitLocks.length)]) {
            Optional<JobRecord> existing = spool.get(id);
            if (existing.isPresent()) {
                return again(existing.get(), context, document);
            }
            HostPrinter printer = printers.resolve(vmPrinterId)
                    .orElseThrow(() -> new PrintException(Kind.NOT_FOUND, "no printer '" + vmPrinterId + "' on this host"));
            boolean nearest = Locations.near(locations.of(context), printer);
            PolicyDecision decision = PrintPolicyEngine.decide(policy(),
                    new PolicyRequest(context, vmPrinterId, printer, nearest, request.origin().application()));
            Instant now = Instant.now();
            if (!decision.allowed()) {
                JobRecord denied = spool.create(new JobRecord(id, context, vmPrinterId, printer.driver(), printer.id(),
                        request, Math.max(0, declaredBytes), "", SpoolState.DENIED, decision.reason(), 0, null, now, now,
                        false));
                reporter.denied(denied);
                throw new PrintException(Kind.DENIED, decision.reason());
            }
            if (!converters.accepts(printer, request.documentFormat())) {
                throw new PrintException(Kind.UNSUPPORTED, "printer '" + vmPrinterId + "' does not accept "
                        + request.documentFormat() + " (it accepts " + printer.capabilities().documentFormats() + ")");
            }
            SpoolStore.Received received;
            try {
                received = spool.receive(id, document, declaredBytes);
            } catch (SpoolStore.BrokenUpload e) {
                throw new PrintException(Kind.UNAVAILABLE, e.getMessage() + " (nothing was kept; send the job again)", e);
            } catch (IOException e) {
                throw new PrintException(Kind.STORAGE, "the print spool failed: " + e.getMessage(), e);
            }
            JobRecord job;
            try {
                job = spool.create(new JobRecord(id, context, vmPrinterId, printer.driver(), printer.id(), request,
                        received.bytes(), received.sha256(), SpoolState.SPOOLED, "", 0, null, now, Instant.now(), false));
            } catch (PrintException e) {
                spool.deleteDocument(id);
                throw e;
            }
            reporter.changed(job);
            dispatcher.enqueue(id, job.driver(), job.printerId());
            return job.toJob();
        }
    }

    /** The same key again (a retry after a drop): its document is read and dropped, the job is returned as it is. */
    private SpooledJob again(JobRecord job, PrintingContext context, InputStream document) throws PrintException {
        if (!job.context().vmKey().equals(context.vmKey())) {
            throw new PrintException(Kind.INVALID, "job key " + job.id() + " is already used by another VM");
        }
        try {
            document.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the copy is not needed: the spooled one counts
        }
        if (job.state() == SpoolState.DENIED) {
            throw new PrintException(Kind.DENIED, job.reason());
        }
        return job.toJob();
    }

    @Override
    public Optional<SpooledJob> job(String jobId) {
        SpoolStore spool = store;
        return spool == null ? Optional.empty() : spool.get(jobId).map(JobRecord::toJob);
    }

    @Override
    public List<SpooledJob> jobs(String vmKey, int limit) {
        SpoolStore spool = store;
        return spool == null ? List.of() : spool.list(vmKey, limit).stream().map(JobRecord::toJob).toList();
    }

    @Override
    public SpooledJob cancel(String jobId) throws PrintException {
        SpoolStore spool = requireStore();
        JobRecord job = spool.get(jobId).orElseThrow(() -> new PrintException(Kind.NOT_FOUND, "no print job " + jobId));
        if (job.state().isTerminal()) {
            return job.toJob();
        }
        if (job.handle() == null) {
            runner.finish(jobId, SpoolState.CANCELLED, "cancelled before it reached the printer", 0);
            JobRecord now = spool.get(jobId).orElseThrow();
            if (now.state().isTerminal() || now.handle() == null) {
                return now.toJob();
            }
            job = now; // handed over meanwhile: cancel it at the driver
        }
        spool.update(jobId, current -> current.state().isTerminal() ? current : current.withCancelRequested())
                .ifPresent(reporter::changed);
        PrinterDriver driver = printers.driver(job.driver());
        if (driver != null) {
            driver.cancel(job.handle());
            PrintJobStatus status = driver.status(job.handle());
            if (status.state().isTerminal()) {
                runner.finish(jobId, status.state() == org.deskplane.print.api.PrintJobState.COMPLETED
                        ? SpoolState.COMPLETED : SpoolState.CANCELLED, status.reason(), Math.max(0, status.pagesCompleted()));
            }
        } // else: the runner cancels it at the driver once the driver is back
        dispatcher.wake(job.driver());
        return spool.get(jobId).orElseThrow().toJob();
    }

    private void onEnded(JobRecord job) {
        if (!keepDocuments) {
            store.deleteDocument(job.id());
        }
        if (job.state() == SpoolState.DENIED) {
            reporter.denied(job);
        } else {
            reporter.ended(job);
        }
    }

    private SpoolStore requireStore() throws PrintException {
        SpoolStore spool = store;
        if (spool == null) {
            throw new PrintException(Kind.UNAVAILABLE, "the print router is starting");
        }
        return spool;
    }
}
