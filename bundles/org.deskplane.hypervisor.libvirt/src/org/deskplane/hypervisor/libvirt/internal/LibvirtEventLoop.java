package org.deskplane.hypervisor.libvirt.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

import org.libvirt.Library;
import org.libvirt.LibvirtException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * libvirt's default event loop, which delivers domain lifecycle callbacks and keep-alives. It must be registered
 * before the first connection is opened and only once per process (registering it twice duplicates every
 * callback), so the "done" mark is a system property: it survives this bundle being updated. The loop thread
 * itself is started and stopped with this component.
 */
@Component(service = LibvirtEventLoop.class)
public final class LibvirtEventLoop {

    private static final Logger LOG = System.getLogger(LibvirtEventLoop.class.getName());
    static final String REGISTERED_PROPERTY = "org.deskplane.hypervisor.libvirt.eventloop.registered";

    private volatile boolean stopping;
    private Thread thread;

    @Activate
    void activate() throws LibvirtException {
        registerOnce();
        thread = new Thread(this::run, "deskplane-libvirt-events");
        thread.setDaemon(true);
        thread.start();
    }

    static void registerOnce() throws LibvirtException {
        // Library's class is shared by every version of this bundle, so it is the process-wide lock
        synchronized (Library.class) {
            if (System.getProperty(REGISTERED_PROPERTY) == null) {
                Library.initEventLoop();
                System.setProperty(REGISTERED_PROPERTY, "true");
            }
        }
    }

    private void run() {
        while (!stopping) {
            try {
                Library.runEventLoop();
            } catch (InterruptedException e) {
                return;
            } catch (LibvirtException e) {
                LOG.log(Level.WARNING, "libvirt event loop iteration failed: " + e.getMessage());
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        stopping = true;
        try {
            Library.stopEventLoop();
        } catch (LibvirtException e) {
            LOG.log(Level.WARNING, "cannot stop the libvirt event loop: " + e.getMessage());
        }
        thread.join(5_000);
    }
}
