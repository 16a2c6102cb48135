package org.deskplane.disk.ntfs.internal;

import org.deskplane.disk.api.FileSystemType;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** Finds the "ntfs" FileSystemType service, waiting with a deadline for DS to register it. */
final class NtfsService {

    private NtfsService() {
    }

    static FileSystemType get() throws InterruptedException {
        var context = FrameworkUtil.getBundle(NtfsService.class).getBundleContext();
        ServiceTracker<FileSystemType, FileSystemType> tracker = new ServiceTracker<>(context,
                FileSystemType.class, null);
        tracker.open();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            Object[] services = tracker.getServices();
            if (services != null) {
                for (Object s : services) {
                    if (((FileSystemType) s).name().equals("ntfs")) {
                        return (FileSystemType) s;
                    }
                }
            }
            tracker.waitForService(1000);
        }
        throw new AssertionError("no FileSystemType service named ntfs within 30 s");
    }
}
