package org.deskplane.content.agent.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The guest directories the host may read, and how a request path maps into them. One root is served directly at
 * "/"; several appear as directories of a virtual "/" named after their last segment ("-2", "-3"… for repeats).
 * Configured roots that do not exist are skipped. Reconfiguring takes effect for the next request.
 */
@Component(service = GuestRoots.class, configurationPid = GuestRoots.PID)
@Designate(ocd = GuestRoots.Config.class)
public final class GuestRoots {
    public static final String PID = "org.deskplane.content.agent";
    static final int MAX_PATH = 4096;
    private static final Logger LOG = Logger.getLogger(GuestRoots.class.getName());

    @ObjectClassDefinition(name = "Deskplane agent: content roots")
    public @interface Config {
        @AttributeDefinition(description = "Absolute directories of this guest the host may read (the users' homes by default)")
        String[] roots() default { "/home", "C:\\Users" };
    }

    /** A request path located in the guest: {@code file} is null for the virtual directory of several roots. */
    record Located(String path, String name, Path file) {
        boolean virtualRoot() {
            return file == null;
        }
    }

    private volatile Map<String, Path> roots = Map.of();

    @Activate
    @Modified
    void configure(Config config) {
        Map<String, Path> found = new LinkedHashMap<>();
        for (String configured : config.roots()) {
            Path dir = Path.of(configured);
            if (!dir.isAbsolute()) {
                LOG.warning("content root '" + configured + "' is not absolute: ignored");
                continue;
            }
            try {
                Path real = dir.toRealPath();
                if (!Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS) || found.containsValue(real)) {
                    continue;
                }
                String base = real.getFileName() == null ? "root" : real.getFileName().toString();
                String name = base;
                for (int n = 2; found.containsKey(name); n++) {
                    name = base + "-" + n;
                }
                found.put(name, real);
            } catch (IOException e) {
                // not in this guest (e.g. C:\Users on Linux): skipped on purpose
            }
        }
        roots = Collections.unmodifiableMap(found);
    }

    /** The served roots by name, in configuration order. */
    Map<String, Path> roots() {
        return roots;
    }

    /**
     * Maps an absolute '/'-separated path to a guest file; every segment but the last must be a real directory (a
     * symbolic link on the way could lead out of the root: never followed).
     */
    Located locate(String path) throws GuestError {
        String[] segments = segments(path);
        Map<String, Path> current = roots();
        Path file;
        int first;
        if (current.size() == 1) {
            file = current.values().iterator().next();
            first = 0;
        } else {
            if (segments.length == 0) {
                return new Located("/", "", null);
            }
            file = current.get(segments[0]);
            if (file == null) {
                throw new GuestError(GuestError.NOT_FOUND, path + ": no such root");
            }
            first = 1;
        }
        for (int i = first; i < segments.length; i++) {
            if (i > first && !Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                    throw new GuestError(GuestError.NOT_FOUND, path + ": no such file or directory");
                }
                throw new GuestError(GuestError.WRONG_TYPE, path + ": a segment is not a directory");
            }
            file = file.resolve(segments[i]);
        }
        return new Located(path, segments.length == 0 ? "" : segments[segments.length - 1], file);
    }

    private static String[] segments(String path) throws GuestError {
        if (path.length() > MAX_PATH || !path.startsWith("/")) {
            throw new GuestError(GuestError.INVALID, "not an absolute path of at most " + MAX_PATH + " characters");
        }
        if (path.equals("/")) {
            return new String[0];
        }
        String[] segments = path.substring(1).split("/", -1);
        for (String s : segments) {
            if (s.isEmpty() || s.equals(".") || s.equals("..") || s.indexOf('\0') >= 0
                    || (File.separatorChar == '\\' && (s.indexOf('\\') >= 0 || s.indexOf(':') >= 0))) {
                throw new GuestError(GuestError.INVALID, "malformed path segment in " + path);
            }
        }
        return segments;
    }
}
