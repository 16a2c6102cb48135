package org.deskplane.modules.runtime.tests.hostile;

import java.util.Hashtable;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventHandler;

/** A well-behaved module: registers an EventHandler (a granted interface) the server can see. */
public class GoodActivator implements BundleActivator, EventHandler {

    @Override
    public void start(BundleContext context) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("module", context.getBundle().getSymbolicName());
        props.put(org.osgi.service.event.EventConstants.EVENT_TOPIC, "org/deskplane/tests/NOTHING");
        context.registerService(EventHandler.class, this, props);
    }

    @Override
    public void stop(BundleContext context) {
    }

    @Override
    public void handleEvent(Event event) {
    }
}
