package org.deskplane.workbench.internal.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.deskplane.bundles.api.BundleManager;
import org.deskplane.security.api.AuditEvent;
import org.deskplane.security.api.AuditLog;
import org.deskplane.workbench.WorkbenchIds;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Runs Deskplane's service bundles inside the workbench's own framework (embedded mode) and offers their
 * bundle manager to the parts through an {@link AuditingBundleManager}.
 * <p>
 * The provider bundles are in the product but not started by it: only embedded mode starts them (transiently,
 * so a later remote-mode start does not run a second, unused set of services with their own data).
 */
public final class EmbeddedRuntime implements AutoCloseable {

    /** The DS providers the server runs too, minus the REST resources (no HTTP server here). */
    static final List<String> PROVIDERS = List.of("org.deskplane.security", "org.deskplane.model.store",
            "org.deskplane.bundles");
    /**
     * p2, which installing features needs, the hypervisor provider and content access; started when the product
     * has them.
     */
    static final List<String> OPTIONAL = List.of("org.eclipse.equinox.p2.core", "org.eclipse.equinox.p2.repository",
            "org.eclipse.equinox.p2.metadata.repository", "org.eclipse.equinox.p2.artifact.repository",
            // the libvirt provider: one local HypervisorConnection per ConfigurationAdmin connection
            // configuration (needs Debian's libvirt0; without it only the Inventory part stays empty)
            "org.deskplane.hypervisor.libvirt",
            // content access for the Content part: the CAL, shares (ConfigurationAdmin factory configurations of
            // org.deskplane.content.share) and desktops' disks read by the disk readers
            "org.deskplane.content", "org.deskplane.content.share", "org.deskplane.content.disk",
            "org.deskplane.disk.image", "org.deskplane.disk.partition", "org.deskplane.disk.ext",
            "org.deskplane.disk.fat", "org.deskplane.disk.ntfs", "org.deskplane.disk.iso9660");
    static final Duration SERVICE_TIMEOUT = Duration.ofSeconds(60);

    private final BundleContext context;
    private final Path dataDirectory;
    private final String actor;
    private final ServiceTracker<BundleManager, BundleManager> bundleManagers;
    private final ServiceTracker<AuditLog, AuditLog> auditLogs;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    private EmbeddedRuntime(BundleContext context, Path dataDirectory, String actor) {
        this.context = context;
        this.dataDirectory = dataDirectory;
        this.actor = actor;
        this.bundleManagers = new ServiceTracker<>(context, localOnly(context, BundleManager.class), null);
        this.auditLogs = new ServiceTracker<>(context, localOnly(context, AuditLog.class), null);
    }

    /**
     * Chooses the data folder, starts the provider bundles, waits for their services and publishes the
     * auditing bundle manager. Blocks up to {@link #SERVICE_TIMEOUT}.
     *
     * @throws EmbeddedStartException with a message for the user when something is missing or fails
     */
    public static EmbeddedRuntime start() throws EmbeddedStartException {
        BundleContext context = FrameworkUtil.getBundle(EmbeddedRuntime.class).getBundleContext();
        Path data = EmbeddedDataDirectory.choose(context::getProperty, System.getProperty("user.home"));
        // the providers read it through BundleContext.getProperty, which falls back to system properties
        System.setProperty(EmbeddedDataDirectory.PROPERTY, data.toString());
        EmbeddedRuntime runtime = new EmbeddedRuntime(context, data, localUser());
        try {
            runtime.startProviders();
            runtime.publish();
            return runtime;
        } catch (EmbeddedStartException | RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    /** The OS user who runs the workbench: the actor of everything done in embedded mode. */
    static String localUser() {
        String user = System.getProperty("user.name");
        return user == null || user.isBlank() ? "local" : user;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public String actor() {
        return actor;
    }

    private void startProviders() throws EmbeddedStartException {
        for (String name : PROVIDERS) {
            start(bundle(name).orElseThrow(() -> new EmbeddedStartException("The workbench cannot run embedded: "
                    + "bundle " + name + " is not installed (this product is built for remote mode only).")));
        }
        for (String name : OPTIONAL) {
            java.util.Optional<Bundle> bundle = bundle(name);
            try {
                if (bundle.isPresent()) {
                    start(bundle.get());
                }
            } catch (EmbeddedStartException e) {
                // only installing features needs p2, only the Inventory needs libvirt: say it and go on
                System.err.println("Deskplane: " + e.getMessage() + (e.getCause() != null
                        && e.getCause().getCause() != null ? " (" + e.getCause().getCause() + ")" : "")
                        + "; what needs " + name + " will not work in embedded mode");
            }
        }
    }

    private java.util.Optional<Bundle> bundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return java.util.Optional.of(bundle);
            }
        }
        return java.util.Optional.empty();
    }

    private static void start(Bundle bundle) throws EmbeddedStartException {
        if (bundle.getState() == Bundle.ACTIVE || bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
            return;
        }
        try {
            bundle.start(Bundle.START_TRANSIENT);
        } catch (BundleException | IllegalStateException e) {
            throw new EmbeddedStartException("Cannot start " + bundle.getSymbolicName() + " for embedded mode: "
                    + e.getMessage(), e);
        }
    }

    private void publish() throws EmbeddedStartException {
        bundleManagers.open();
        auditLogs.open();
        AuditLog log = await(auditLogs, "audit log (org.deskplane.security)");
        await(bundleManagers, "bundle manager (org.deskplane.bundles)");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(WorkbenchIds.MODE_PROPERTY, WorkbenchIds.MODE_EMBEDDED);
        properties.put("deskplane.data", dataDirectory.toString());
        // wins over the raw provider, so that parts get the auditing one
        properties.put(Constants.SERVICE_RANKING, 1000);
        registrations.add(context.registerService(BundleManager.class,
                new AuditingBundleManager(bundleManagers::getService, auditLogs::getService, actor), properties));
        log.record(AuditEvent.now(actor, "workbench.start", "embedded", AuditEvent.Result.SUCCESS,
                "embedded mode, data in " + dataDirectory, AuditingBundleManager.SOURCE));
    }

    private static <T> T await(ServiceTracker<T, T> tracker, String what) throws EmbeddedStartException {
        try {
            T service = tracker.waitForService(SERVICE_TIMEOUT.toMillis());
            if (service == null) {
                throw new EmbeddedStartException("No " + what + " came up within " + SERVICE_TIMEOUT.toSeconds()
                        + " s; see the workbench log for the reason.");
            }
            return service;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedStartException("Interrupted while waiting for the " + what, e);
        }
    }

    /** The in-process providers: neither our remote stand-ins nor our own auditing wrapper. */
    private static Filter localOnly(BundleContext context, Class<?> type) {
        try {
            return context.createFilter("(&(" + Constants.OBJECTCLASS + "=" + type.getName() + ")(!("
                    + WorkbenchIds.MODE_PROPERTY + "=*)))");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        for (ServiceRegistration<?> registration : registrations) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework is stopping and took it down first
            }
        }
        registrations.clear();
        bundleManagers.close();
        auditLogs.close();
    }
}
