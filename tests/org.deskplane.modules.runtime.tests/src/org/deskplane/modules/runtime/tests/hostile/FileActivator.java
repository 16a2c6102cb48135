package org.deskplane.modules.runtime.tests.hostile;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.concurrent.Callable;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Tries file accesses inside and outside its data area and publishes the outcomes. */
public class FileActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        Path own = Path.of(context.getProperty("deskplane.data"), "modules", "data",
                context.getBundle().getSymbolicName());
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("files", context.getBundle().getSymbolicName());
        props.put("passwdStream", attempt(() -> {
            try (InputStream in = new FileInputStream("/etc/passwd")) {
                return in.read();
            }
        }));
        props.put("passwdNio", attempt(() -> Files.readAllBytes(Path.of("/etc/passwd")).length));
        props.put("ownWrite", attempt(() -> Files.writeString(own.resolve("note.txt"), "mine")));
        props.put("ownRead", attempt(() -> {
            try (InputStream in = new FileInputStream(own.resolve("note.txt").toFile())) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }));
        props.put("outsideWrite", attempt(() -> {
            try (OutputStream out = new FileOutputStream(own.getParent().resolve("escape.txt").toString())) {
                out.write(1);
                return "written";
            }
        }));
        context.registerService(Runnable.class, () -> { }, props);
    }

    /** "ok", "refused" (SecurityException) or the other failure's class name. */
    private static String attempt(Callable<?> action) {
        try {
            action.call();
            return "ok";
        } catch (SecurityException e) {
            return "refused";
        } catch (Exception e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    @Override
    public void stop(BundleContext context) {
    }
}
