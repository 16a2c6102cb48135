package org.deskplane.disk.fat.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.concurrent.TimeUnit;

import org.deskplane.disk.api.FileSystemType;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** The "fat" FileSystemType as DS registers it, waited for with a tracker and a timeout. */
final class FatServices {

    private FatServices() {
    }

    static FileSystemType fat() throws Exception {
        Bundle bundle = FrameworkUtil.getBundle(FatServices.class);
        BundleContext context = bundle.getBundleContext();
        Filter filter = context.createFilter("(&(objectClass=" + FileSystemType.class.getName()
                + ")(deskplane.disk.filesystem=fat))");
        ServiceTracker<FileSystemType, FileSystemType> tracker = new ServiceTracker<>(context, filter, null);
        tracker.open();
        FileSystemType type = tracker.waitForService(TimeUnit.SECONDS.toMillis(30));
        assertNotNull(type, "no FileSystemType 'fat' service within 30 s");
        return type;
    }
}
