package org.deskplane.disk.image.tests;

import java.util.concurrent.TimeUnit;

import org.deskplane.disk.api.DiskImages;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** The DiskImages service of the running framework, waited for with a tracker and a deadline. */
final class Services {

    private static DiskImages diskImages;

    private Services() {
    }

    static synchronized DiskImages diskImages() throws InterruptedException {
        if (diskImages == null) {
            BundleContext context = FrameworkUtil.getBundle(Services.class).getBundleContext();
            ServiceTracker<DiskImages, DiskImages> tracker = new ServiceTracker<>(context, DiskImages.class, null);
            tracker.open();
            DiskImages service = tracker.waitForService(TimeUnit.SECONDS.toMillis(30));
            if (service == null) {
                throw new AssertionError("no DiskImages service within 30 s");
            }
            diskImages = service;
        }
        return diskImages;
    }
}
