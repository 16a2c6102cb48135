package org.deskplane.modules.runtime.tests.hostile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.concurrent.Callable;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Reads the file named by its X-Read-Path header, tries to write next to it, and publishes the outcomes. */
public class ReaderActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        Path file = Path.of(context.getBundle().getHeaders().get("X-Read-Path"));
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("reader", context.getBundle().getSymbolicName());
        props.put("read", attempt(() -> Files.readString(file)));
        props.put("write", attempt(() -> Files.writeString(file.resolveSibling("written.txt"), "x")));
        context.registerService(Runnable.class, () -> { }, props);
    }

    private static String attempt(Callable<?> action) {
        try {
            action.call();
            return "ok";
        } catch (SecurityException e) {
            return "refused";
        } catch (Exception e) {
            return "failed: " + e;
        }
    }

    @Override
    public void stop(BundleContext context) {
    }
}
