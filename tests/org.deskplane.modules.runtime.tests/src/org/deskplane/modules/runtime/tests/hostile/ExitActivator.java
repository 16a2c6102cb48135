package org.deskplane.modules.runtime.tests.hostile;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Tries to end the server's JVM while starting. */
public class ExitActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        System.exit(3);
    }

    @Override
    public void stop(BundleContext context) {
    }
}
