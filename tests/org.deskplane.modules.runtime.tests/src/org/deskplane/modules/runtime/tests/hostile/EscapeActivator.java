package org.deskplane.modules.runtime.tests.hostile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.concurrent.Callable;
import java.util.function.Function;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/** Tries the escape hatches around the direct guards and publishes the outcomes. */
public class EscapeActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("escape", context.getBundle().getSymbolicName());
        props.put("reflectiveExit", attempt(() -> System.class.getMethod("exit", int.class).invoke(null, 4)));
        props.put("exec", attempt(() -> Runtime.getRuntime().exec(new String[] {"true"}).waitFor()));
        props.put("methodReference", attempt(() -> {
            Function<Path, Object> read = p -> p; // a lambda is fine
            read.apply(Path.of("x"));
            return (Callable<Object>) () -> Files.size(Path.of("/etc/passwd"));
        }));
        props.put("fileSizeRef", attempt(() -> {
            Function<Path, Boolean> exists = Files::isRegularFile;
            return exists.apply(Path.of("/etc/passwd"));
        }));
        props.put("fileUrl", attempt(() -> {
            try (var in = new java.net.URL("file:///etc/passwd").openStream()) {
                return in.read();
            }
        }));
        props.put("installBundle", attempt(() -> context.installBundle("file:/nonexistent.jar")));
        props.put("stopServerBundle", attempt(() -> {
            Object eventAdmin = context.getService(context.getServiceReference("org.osgi.service.event.EventAdmin"));
            Bundle server = FrameworkUtil.getBundle(eventAdmin.getClass());
            server.stop();
            return server;
        }));
        props.put("setAccessible", attempt(() -> {
            var field = Runtime.class.getDeclaredField("currentRuntime");
            field.setAccessible(true);
            return field;
        }));
        context.registerService(Runnable.class, () -> { }, props);
    }

    private static String attempt(Callable<?> action) {
        try {
            action.call();
            return "ok";
        } catch (SecurityException e) {
            return "refused";
        } catch (java.lang.reflect.InvocationTargetException e) {
            return e.getCause() instanceof SecurityException ? "refused" : "failed: " + e.getCause();
        } catch (Exception e) {
            return "failed: " + e;
        }
    }

    @Override
    public void stop(BundleContext context) {
    }
}
