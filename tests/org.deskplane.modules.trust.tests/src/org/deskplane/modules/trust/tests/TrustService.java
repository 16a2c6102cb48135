package org.deskplane.modules.trust.tests;

import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import org.deskplane.modules.api.ModuleTrust;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/** Finds the ModuleTrust service (waiting with a deadline), configures it, restarts its bundle. */
final class TrustService {

    static final String PID = "org.deskplane.modules.trust";
    static final String PROVIDER_BUNDLE = "org.deskplane.modules.trust";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private TrustService() {
    }

    /** The unconfigured service (no configuration record: the component runs on its defaults). */
    static ModuleTrust unconfigured() throws Exception {
        return await("(!(service.pid=" + PID + "))");
    }

    /** The service once DS has re-activated it with a configuration whose {@code marker} property has this value. */
    static ModuleTrust configured(String marker) throws Exception {
        return await("(&(service.pid=" + PID + ")(testMarker=" + marker + "))");
    }

    static ModuleTrust await(String propertyFilter) throws Exception {
        BundleContext context = context();
        Filter filter = context.createFilter(
                "(&(objectClass=" + ModuleTrust.class.getName() + ")" + propertyFilter + ")");
        ServiceTracker<ModuleTrust, ModuleTrust> tracker = new ServiceTracker<>(context, filter, null);
        tracker.open();
        try {
            ModuleTrust trust = tracker.waitForService(TIMEOUT.toMillis());
            if (trust == null) {
                throw new AssertionError("no ModuleTrust service matching " + filter + " within " + TIMEOUT);
            }
            return trust;
        } finally {
            // the service object stays usable: DS keeps the component while its service is registered
            tracker.close();
        }
    }

    /** Sets the component's configuration; {@code testMarker} lets the caller wait for exactly this one. */
    static ModuleTrust configure(String marker, Map<String, Object> properties) throws Exception {
        Dictionary<String, Object> dictionary = new Hashtable<>(properties);
        dictionary.put("testMarker", marker);
        configuration().update(dictionary);
        return configured(marker);
    }

    static ModuleTrust unconfigure() throws Exception {
        Configuration configuration = configuration();
        if (configuration.getProperties() != null) {
            configuration.delete();
        }
        return unconfigured();
    }

    /** Stops and starts the provider bundle: a new component instance that must read the store from disk. */
    static ModuleTrust restartProvider() throws Exception {
        Bundle provider = providerBundle();
        provider.stop();
        provider.start();
        return unconfigured();
    }

    private static Configuration configuration() throws Exception {
        BundleContext context = context();
        var reference = context.getServiceReference(ConfigurationAdmin.class);
        if (reference == null) {
            throw new AssertionError("ConfigurationAdmin is not running");
        }
        try {
            return context.getService(reference).getConfiguration(PID, "?");
        } finally {
            context.ungetService(reference);
        }
    }

    private static Bundle providerBundle() {
        for (Bundle bundle : context().getBundles()) {
            if (PROVIDER_BUNDLE.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError(PROVIDER_BUNDLE + " is not installed");
    }

    private static BundleContext context() {
        return FrameworkUtil.getBundle(TrustService.class).getBundleContext();
    }
}
