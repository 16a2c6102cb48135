package org.deskplane.delivery.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * {@code <data>/delivery/deployments/<id>.json}, one per deployment, each written whole and atomically (temp file,
 * fsync, rename) so a crash leaves the previous or the next version, never half of one; and
 * {@code <id>/<item>.log}, each VM's log, appended and bounded.
 */
final class DeploymentStore {
    private static final Logger LOG = Logger.getLogger(DeploymentStore.class.getName());
    private static final String SUFFIX = ".json";

    private final Path dir;
    private final long logLimit;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    DeploymentStore(Path dir, long logLimit) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.logLimit = logLimit;
    }

    /** Every readable deployment; an unreadable file is set aside as {@code .corrupt} and reported, never deleted. */
    List<DeploymentRecord> loadAll() throws IOException {
        List<DeploymentRecord> all = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path file : files) {
                try {
                    all.add(json.readValue(file.toFile(), DeploymentRecord.class));
                } catch (IOException e) {
                    Path aside = file.resolveSibling(file.getFileName() + ".corrupt");
                    LOG.log(Level.SEVERE, "deployment file " + file + " is unreadable; moved to " + aside, e);
                    Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, "*.tmp")) {
            for (Path temp : temps) {
                Files.deleteIfExists(temp); // a write a crash interrupted: the .json beside it is the valid one
            }
        }
        all.sort((a, b) -> a.created.compareTo(b.created));
        return all;
    }

    /** Writes the deployment; the caller holds its monitor, so the bytes are one consistent state. */
    void save(DeploymentRecord record) {
        try {
            byte[] bytes = json.writeValueAsBytes(record);
            Path target = dir.resolve(record.id + SUFFIX);
            Path temp = dir.resolve(record.id + SUFFIX + ".tmp");
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // the engine cannot go on safely without its record (a restart would lose this step)
            throw new UncheckedIOException("cannot persist deployment " + record.id + ": " + e.getMessage(), e);
        }
    }

    void delete(String id) throws IOException {
        Files.deleteIfExists(dir.resolve(id + SUFFIX));
        Path logs = dir.resolve(id);
        if (Files.isDirectory(logs)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(logs)) {
                for (Path f : files) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(logs);
        }
    }

    /** Appends one line to an item's log (time-stamped, one line: embedded line breaks are replaced). */
    void log(String deploymentId, int item, String source, String text) {
        Path file = logFile(deploymentId, item);
        try {
            Files.createDirectories(file.getParent());
            long size = Files.exists(file) ? Files.size(file) : 0;
            if (size >= logLimit) {
                return;
            }
            String line = Instant.now() + " " + source + ": " + text.replace('\n', ' ').replace('\r', ' ') + "\n";
            if (size + line.length() >= logLimit) {
                line = Instant.now() + " engine: log limit of " + logLimit + " bytes reached; further lines dropped\n";
            }
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot append to " + file, e);
        }
    }

    List<String> readLog(String deploymentId, int item, int from, int max) throws IOException {
        Path file = logFile(deploymentId, item);
        List<String> lines = new ArrayList<>();
        if (!Files.exists(file)) {
            return lines;
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int n = 0;
            for (String line = in.readLine(); line != null && lines.size() < max; line = in.readLine(), n++) {
                if (n >= from) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    private Path logFile(String deploymentId, int item) {
        return dir.resolve(deploymentId).resolve(item + ".log");
    }
}
