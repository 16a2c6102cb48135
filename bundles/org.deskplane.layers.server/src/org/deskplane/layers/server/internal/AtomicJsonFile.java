package org.deskplane.layers.server.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * One JSON document on disk, replaced whole and atomically (temp file in the same folder, fsync, atomic rename), so
 * that a crash leaves the previous or the next state, never half of one.
 */
final class AtomicJsonFile<T> {
    private static final Logger LOG = Logger.getLogger(AtomicJsonFile.class.getName());

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path file;
    private final Class<T> type;

    AtomicJsonFile(Path file, Class<T> type) throws IOException {
        Files.createDirectories(file.getParent());
        this.file = file;
        this.type = type;
    }

    /**
     * The stored value; empty when there is none yet. An unreadable file is an error (not an empty state: starting
     * empty would hand out fencing tokens again).
     */
    Optional<T> read() throws IOException {
        Files.deleteIfExists(temp()); // a write a crash interrupted: the file beside it is the valid one
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), type));
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "sync state " + file + " is unreadable", e);
            throw new IOException("the sync state " + file + " is unreadable (" + e.getMessage()
                    + "); fix or move it aside, knowing that tokens already granted must never be reused", e);
        }
    }

    void write(T value) throws IOException {
        byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(value);
        Path temp = temp();
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** A deep copy (through JSON), so that a change is applied to a copy and kept only once it is on disk. */
    T copy(T value) throws IOException {
        return JSON.readValue(JSON.writeValueAsBytes(value), type);
    }

    private Path temp() {
        return file.resolveSibling(file.getFileName() + ".tmp");
    }
}
