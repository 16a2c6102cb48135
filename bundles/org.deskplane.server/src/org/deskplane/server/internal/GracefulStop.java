package org.deskplane.server.internal;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Stops every bundle when the process is asked to end (SIGTERM from systemd, a container runtime or a test):
 * without it the JVM just exits, no component is deactivated, and what they started outside the JVM — disk
 * appliances, guest channel sessions — goes on without its owner. A normal stop of the framework removes the hook.
 */
@Component(immediate = true)
public class GracefulStop {
    static final long WAIT_MILLIS = 30_000;

    private Thread hook;

    @Activate
    void activate(BundleContext context) {
        Bundle system = context.getBundle(0);
        hook = new Thread(() -> stop(system), "deskplane-graceful-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Deactivate
    void deactivate() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is ending: the hook is what stops us
        }
    }

    private static void stop(Bundle system) {
        Console.out("Deskplane server stopping: stopping every bundle");
        try {
            system.stop();
            FrameworkEvent stopped = system.adapt(Framework.class).waitForStop(WAIT_MILLIS);
            Console.out(stopped.getType() == FrameworkEvent.WAIT_TIMEDOUT
                    ? "Deskplane server: bundles still stopping after " + WAIT_MILLIS / 1000 + " s, exiting anyway"
                    : "Deskplane server stopped");
        } catch (Exception e) {
            Console.error("Deskplane server: stopping the bundles failed: " + e);
        }
    }
}
