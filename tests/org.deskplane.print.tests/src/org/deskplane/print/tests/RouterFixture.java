package org.deskplane.print.tests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.deskplane.print.api.PrinterDriver;
import org.deskplane.print.routing.PrintRouter;
import org.deskplane.security.api.AuditEvent;
import org.deskplane.security.api.AuditLog;
import org.deskplane.security.api.AuditQuery;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The real parts of the router tests: the router configured onto a temporary spool, the PDF directory driver writing
 * into a temporary directory, and an audit sink that keeps what the router records (the audit log implementation is
 * the security bundle's business; here only what the router hands it counts).
 */
final class RouterFixture {

    static final long TIMEOUT_MS = 60_000;
    static final String PDF_PRINTER = "router-pdf";
    static final String PDF_VM_PRINTER = "pdf." + PDF_PRINTER;
    static final String LOCATION = "Lab A";

    final BundleContext context = FrameworkUtil.getBundle(RouterFixture.class).getBundleContext();
    final Path spool;
    final Path pdfDirectory;
    final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
    private final List<Configuration> configurations = new ArrayList<>();
    private ServiceRegistration<AuditLog> auditRegistration;
    private final List<ServiceTracker<?, ?>> trackers = new CopyOnWriteArrayList<>();

    RouterFixture(Path dir) throws Exception {
        spool = Files.createDirectories(dir.resolve("spool"));
        pdfDirectory = Files.createDirectories(dir.resolve("pdf"));
        auditRegistration = context.registerService(AuditLog.class, new AuditLog() {
            @Override
            public void record(AuditEvent event) {
                audit.add(event);
            }

            @Override
            public List<AuditEvent> query(AuditQuery query) {
                return List.copyOf(audit);
            }
        }, null);
        configure("org.deskplane.print.pdf", Map.of("directory", pdfDirectory.toString(), "printerId", PDF_PRINTER,
                "location", LOCATION, "reserveBytes", 0L));
        configure("org.deskplane.print.cups", Map.of("pollIntervalSeconds", 1));
        configure("org.deskplane.print.router", Map.of("spoolDirectory", spool.toString(), "maxRetrySeconds", 1,
                "printerCacheMillis", 0L, "reserveBytes", 0L, "maxJobBytes", 1L << 50,
                "hostLocations", new String[] { "lab-host=" + LOCATION }));
        pdfDriver();
    }

    private void configure(String pid, Map<String, Object> values) throws Exception {
        Configuration configuration = service(ConfigurationAdmin.class, null).getConfiguration(pid, "?");
        configuration.update(new Hashtable<>(values));
        configurations.add(configuration);
    }

    Configuration policyRule(Map<String, Object> values) throws Exception {
        Configuration configuration = service(ConfigurationAdmin.class, null)
                .createFactoryConfiguration("org.deskplane.print.policy", "?");
        Dictionary<String, Object> properties = new Hashtable<>(values);
        configuration.update(properties);
        return configuration;
    }

    /** The router with the test's spool (configuration properties become service properties). */
    PrintRouter router() throws Exception {
        return service(PrintRouter.class, "(spoolDirectory=" + spool + ")");
    }

    PrinterDriver pdfDriver() throws Exception {
        return service(PrinterDriver.class, "(&(print.driver=pdf)(printerId=" + PDF_PRINTER + "))");
    }

    PrinterDriver cupsDriver() throws Exception {
        return service(PrinterDriver.class, "(&(print.driver=cups)(pollIntervalSeconds=1))");
    }

    <T> T service(Class<T> type, String filter) throws Exception {
        String full = "(objectClass=" + type.getName() + ")";
        if (filter != null) {
            full = "(&" + full + filter + ")";
        }
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, context.createFilter(full), null);
        tracker.open();
        trackers.add(tracker); // closed at the end: closing ungets the service, which a service factory then drops
        T service = tracker.waitForService(TIMEOUT_MS);
        if (service == null) {
            throw new AssertionError("no " + full + " within " + TIMEOUT_MS + " ms");
        }
        return service;
    }

    /**
     * Stops the router component and starts it again (SCR disable/enable): the test bundle is a fragment of the
     * router's bundle, so the component, not the bundle, is what restarts here.
     */
    void restartRouter() throws Exception {
        ServiceComponentRuntime scr = service(ServiceComponentRuntime.class, null);
        ComponentDescriptionDTO router = scr.getComponentDescriptionDTO(bundle("org.deskplane.print"),
                "org.deskplane.print.internal.PrintRouterComponent");
        scr.disableComponent(router).getValue();
        ServiceTracker<PrintRouter, PrintRouter> tracker = new ServiceTracker<>(context, PrintRouter.class, null);
        tracker.open();
        try {
            await("the router to stop", () -> tracker.getService() == null);
        } finally {
            tracker.close();
        }
        scr.enableComponent(router).getValue();
    }

    Bundle bundle(String symbolicName) {
        return Stream.of(context.getBundles()).filter(b -> b.getSymbolicName().equals(symbolicName)).findFirst()
                .orElseThrow(() -> new AssertionError("bundle " + symbolicName + " not installed"));
    }

    /** PDFs the PDF driver wrote for a job key. */
    long pdfsFor(String key) throws Exception {
        try (Stream<Path> files = Files.list(pdfDirectory)) {
            return files.filter(f -> f.getFileName().toString().endsWith("--" + key + ".pdf")).count();
        }
    }

    /** Every file under the spool whose name contains {@code key}. */
    List<Path> spoolFilesFor(String key) throws Exception {
        try (Stream<Path> files = Files.walk(spool)) {
            return files.filter(f -> f.getFileName().toString().contains(key)).toList();
        }
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT_MS * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    void close() throws Exception {
        for (Configuration configuration : configurations) {
            configuration.delete();
        }
        if (auditRegistration != null) {
            auditRegistration.unregister();
        }
        trackers.forEach(ServiceTracker::close);
    }
}
