package org.deskplane.modules.runtime.tests.hostile;

import java.util.Hashtable;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Looks up services by name and publishes what it could see. */
public class ProbeActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("probe", context.getBundle().getSymbolicName());
        props.put("configAdmin", visible(context, "org.osgi.service.cm.ConfigurationAdmin"));
        props.put("secret", visible(context, "org.deskplane.modules.runtime.tests.Secret"));
        props.put("eventAdmin", visible(context, "org.osgi.service.event.EventAdmin"));
        context.registerService(Runnable.class, () -> { }, props);
    }

    private static boolean visible(BundleContext context, String name) {
        return context.getServiceReference(name) != null;
    }

    @Override
    public void stop(BundleContext context) {
    }
}
