package org.deskplane.server.internal;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.osgi.service.log.admin.LoggerAdmin;
import org.osgi.service.log.admin.LoggerContext;

/**
 * Writes the OSGi log to {@code <data>/logs/server.log} (rotated at 10 MiB, three old files kept) and
 * INFO and above to the console. The framework's own bundle/service events are noise below WARN.
 */
@Component(immediate = true)
public class ServerLogWriter implements LogListener {

    private static final long ROTATE_AT = 10L * 1024 * 1024;
    private static final int KEEP = 3;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT.withZone(ZoneOffset.UTC);

    @Reference
    private LogReaderService reader;

    @Reference
    private LoggerAdmin loggerAdmin;

    private Path file;
    private Writer out;
    private long written;

    @Activate
    void activate(BundleContext context) throws IOException {
        String data = context.getProperty(ServerOptions.DATA);
        Path dir = Path.of(data == null || data.isBlank() ? "data" : data).toAbsolutePath().resolve("logs");
        Files.createDirectories(dir);
        file = dir.resolve("server.log");
        open();
        // OSGi loggers default to WARN; the server log is meant to tell what the server did
        LoggerContext root = loggerAdmin.getLoggerContext(null);
        java.util.Map<String, LogLevel> levels = new java.util.HashMap<>(root.getLogLevels());
        levels.putIfAbsent(org.osgi.service.log.Logger.ROOT_LOGGER_NAME, LogLevel.INFO);
        root.setLogLevels(levels);
        reader.addLogListener(this);
    }

    @Deactivate
    synchronized void deactivate() throws IOException {
        reader.removeLogListener(this);
        out.close();
    }

    @Override
    public synchronized void logged(LogEntry entry) {
        int level = entry.getLogLevel().ordinal(); // AUDIT, ERROR, WARN, INFO, DEBUG, TRACE
        if (level > LogLevel.INFO.ordinal()) {
            return; // DEBUG and TRACE are not written
        }
        if (level >= LogLevel.INFO.ordinal() && entry.getLoggerName() != null
                && entry.getLoggerName().startsWith("Events.")) {
            return;
        }
        StringBuilder line = new StringBuilder(TIME.format(Instant.ofEpochMilli(entry.getTime()))).append(' ')
                .append(entry.getLogLevel()).append(' ')
                .append(entry.getBundle() == null ? "-" : entry.getBundle().getSymbolicName()).append(": ")
                .append(entry.getMessage());
        if (entry.getException() != null) {
            java.io.StringWriter trace = new java.io.StringWriter();
            entry.getException().printStackTrace(new java.io.PrintWriter(trace));
            line.append(System.lineSeparator()).append(trace);
        }
        line.append(System.lineSeparator());
        try {
            out.write(line.toString());
            out.flush();
            written += line.length();
            if (written > ROTATE_AT) {
                rotate();
            }
        } catch (IOException e) {
            System.err.println("Deskplane: cannot write " + file + ": " + e.getMessage());
        }
        if (entry.getLogLevel().ordinal() <= LogLevel.WARN.ordinal()) {
            System.err.print(line);
        } else if (!isOwnAnnouncement(entry)) {
            System.out.print(line);
        }
    }

    /** The bootstrap prints its announcements itself, without the log prefix. */
    private static boolean isOwnAnnouncement(LogEntry entry) {
        return entry.getBundle() != null && "org.deskplane.server".equals(entry.getBundle().getSymbolicName())
                && entry.getMessage() != null && entry.getMessage().startsWith("Deskplane server ready");
    }

    private void open() throws IOException {
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        written = Files.size(file);
    }

    private void rotate() throws IOException {
        out.close();
        for (int i = KEEP - 1; i >= 1; i--) {
            Path older = file.resolveSibling("server.log." + i);
            if (Files.exists(older)) {
                Files.move(older, file.resolveSibling("server.log." + (i + 1)), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(file, file.resolveSibling("server.log.1"), StandardCopyOption.REPLACE_EXISTING);
        open();
    }
}
