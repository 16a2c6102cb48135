package org.deskplane.modules.runtime.tests.hostile;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Never finishes starting (it ignores interrupts); only the test releases it, to free the CPU afterwards. */
public class SpinActivator implements BundleActivator {

    public static volatile boolean released;

    @Override
    public void start(BundleContext context) {
        while (!released) {
            Thread.onSpinWait();
        }
    }

    @Override
    public void stop(BundleContext context) {
    }
}
