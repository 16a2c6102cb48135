package org.deskplane.modules.runtime.tests.hostile;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Starts a worker thread and forgets to stop it. */
public class LeakyActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        Thread worker = new Thread(LeakyActivator::work, "leaky-worker");
        worker.setDaemon(true);
        worker.start();
    }

    private static void work() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void stop(BundleContext context) {
    }
}
