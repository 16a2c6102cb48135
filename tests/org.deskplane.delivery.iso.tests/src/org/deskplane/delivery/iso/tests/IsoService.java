package org.deskplane.delivery.iso.tests;

import org.deskplane.disk.api.FileSystemType;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** The project's "iso9660" reader as DS registers it, waited for with a tracker and a deadline. */
final class IsoService {

    private IsoService() {
    }

    static FileSystemType get() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(IsoService.class).getBundleContext();
        Filter filter = context.createFilter(
                "(&(objectClass=" + FileSystemType.class.getName() + ")(filesystem=iso9660))");
        ServiceTracker<FileSystemType, FileSystemType> tracker = new ServiceTracker<>(context, filter, null);
        tracker.open();
        FileSystemType service = tracker.waitForService(30_000);
        if (service == null) {
            throw new AssertionError("no iso9660 FileSystemType service within 30 s");
        }
        return service;
    }
}
