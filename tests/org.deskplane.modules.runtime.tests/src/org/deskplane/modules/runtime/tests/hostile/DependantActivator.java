package org.deskplane.modules.runtime.tests.hostile;

import java.util.Hashtable;

import org.deskplane.modules.runtime.tests.hostile.lib.Greeting;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Uses a package of another module; publishes which version of that module it is wired to. */
public class DependantActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("dependant", context.getBundle().getSymbolicName());
        props.put("libVersion", Greeting.libraryVersion());
        context.registerService(Runnable.class, () -> { }, props);
    }

    @Override
    public void stop(BundleContext context) {
    }
}
