package org.deskplane.server.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

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
 * The server log: writes the OSGi log, and what bundles log through {@code java.util.logging} or
 * {@code System.Logger}, to {@code <data>/logs/server.log} (rotated at 10 MiB, three old files kept), and INFO
 * and above to the console (warnings and errors to stderr). The framework's own bundle/service events are
 * noise below WARN.
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

    private RotatingLogFile file;
    private final JulBridge julBridge = new JulBridge();
    private Handler[] julConsoleHandlers = new Handler[0];

    @Activate
    void activate(BundleContext context) throws IOException {
        String data = context.getProperty(ServerOptions.DATA);
        Path dir = Path.of(data == null || data.isBlank() ? "data" : data).toAbsolutePath().resolve("logs");
        file = new RotatingLogFile(dir.resolve("server.log"), ROTATE_AT, KEEP);
        // OSGi loggers default to WARN; the server log is meant to tell what the server did
        LoggerContext root = loggerAdmin.getLoggerContext(null);
        Map<String, LogLevel> levels = new HashMap<>(root.getLogLevels());
        levels.putIfAbsent(org.osgi.service.log.Logger.ROOT_LOGGER_NAME, LogLevel.INFO);
        root.setLogLevels(levels);
        reader.addLogListener(this);
        // JUL's own console handler would print the same records a second time, in another format
        java.util.logging.Logger julRoot = java.util.logging.Logger.getLogger("");
        julConsoleHandlers = julRoot.getHandlers();
        for (Handler h : julConsoleHandlers) {
            julRoot.removeHandler(h);
        }
        julRoot.addHandler(julBridge);
    }

    @Deactivate
    synchronized void deactivate() throws IOException {
        java.util.logging.Logger julRoot = java.util.logging.Logger.getLogger("");
        julRoot.removeHandler(julBridge);
        for (Handler h : julConsoleHandlers) {
            julRoot.addHandler(h);
        }
        reader.removeLogListener(this);
        file.close();
    }

    @Override
    public void logged(LogEntry entry) {
        int level = entry.getLogLevel().ordinal(); // AUDIT, ERROR, WARN, INFO, DEBUG, TRACE
        if (level > LogLevel.INFO.ordinal()) {
            return; // DEBUG and TRACE are not written
        }
        if (level >= LogLevel.INFO.ordinal() && entry.getLoggerName() != null
                && entry.getLoggerName().startsWith("Events.")) {
            return;
        }
        String source = entry.getBundle() == null ? "-" : entry.getBundle().getSymbolicName();
        boolean announcement = "org.deskplane.server".equals(source) && entry.getMessage() != null
                && entry.getMessage().startsWith("Deskplane server ready"); // printed by the bootstrap itself
        write(Instant.ofEpochMilli(entry.getTime()), entry.getLogLevel().name(), source, entry.getMessage(),
                entry.getException(), level <= LogLevel.WARN.ordinal(), !announcement);
    }

    synchronized void write(Instant time, String level, String source, String message, Throwable error,
            boolean warning, boolean toConsole) {
        StringBuilder line = new StringBuilder(TIME.format(time)).append(' ').append(level).append(' ')
                .append(source).append(": ").append(message);
        if (error != null) {
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            line.append(System.lineSeparator()).append(trace);
        }
        line.append(System.lineSeparator());
        try {
            file.append(line.toString());
        } catch (IOException e) {
            System.err.println("Deskplane: cannot write " + file.path() + ": " + e.getMessage());
        }
        if (warning) {
            System.err.print(line);
        } else if (toConsole) {
            System.out.print(line);
        }
    }

    /** Bundles that log through java.util.logging (and System.Logger, which goes there) reach the same log. */
    private final class JulBridge extends Handler {
        @Override
        public void publish(LogRecord record) {
            int value = record.getLevel().intValue();
            if (value < Level.INFO.intValue()) {
                return;
            }
            String level = value >= Level.SEVERE.intValue() ? "ERROR" : value >= Level.WARNING.intValue() ? "WARN" : "INFO";
            String message = record.getMessage();
            if (record.getParameters() != null && message != null && message.contains("{")) {
                message = java.text.MessageFormat.format(message, record.getParameters());
            }
            write(record.getInstant(), level, record.getLoggerName() == null ? "-" : record.getLoggerName(), message,
                    record.getThrown(), value >= Level.WARNING.intValue(), true);
        }

        @Override
        public void flush() {
            // every record is flushed as it is written
        }

        @Override
        public void close() {
            // the file belongs to the component
        }
    }
}
