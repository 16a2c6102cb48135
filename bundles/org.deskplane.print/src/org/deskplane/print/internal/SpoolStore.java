package org.deskplane.print.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.deskplane.print.api.PrintException;
import org.deskplane.print.api.PrintException.Kind;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The durable spool under one directory: {@code documents/<job>.doc} (the document as received, synced),
 * {@code jobs/<job>.json} (the record, written atomically after the document) and {@code incoming/} (uploads in
 * progress, removed on failure and at start). A job exists once its record exists; everything else is a leftover of a
 * crash and is cleaned at start. Records are also held in memory for listing.
 */
final class SpoolStore {

    private static final Logger LOG = Logger.getLogger(SpoolStore.class.getName());
    static final int BUFFER = 64 * 1024;
    private static final long SPACE_CHECK_INTERVAL = 1 << 20;

    /** The document stream failed (the sender's side): nothing was kept. */
    static final class BrokenUpload extends IOException {
        private static final long serialVersionUID = 1L;

        BrokenUpload(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A document safely on disk. */
    record Received(long bytes, String sha256) {
    }

    private final Path documents;
    private final Path jobs;
    private final Path incoming;
    private final long reserveBytes;
    private final long maxJobBytes;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final Map<String, JobRecord> records = new ConcurrentHashMap<>();
    private final Object[] stripes = new Object[64];

    SpoolStore(Path root, long reserveBytes, long maxJobBytes) throws IOException {
        this.documents = Files.createDirectories(root.resolve("documents"));
        this.jobs = Files.createDirectories(root.resolve("jobs"));
        this.incoming = Files.createDirectories(root.resolve("incoming"));
        this.reserveBytes = reserveBytes;
        this.maxJobBytes = maxJobBytes;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
    }

    /** The lock of one job id: updates of one job are serial, of different jobs parallel. */
    Object lockOf(String id) {
        return stripes[Math.floorMod(id.hashCode(), stripes.length)];
    }

    /** Reads every record and removes leftovers of a crash (partial uploads, documents without a record). */
    List<JobRecord> load() throws IOException {
        deleteAll(incoming, "*");
        deleteAll(jobs, ".*.tmp");
        try (DirectoryStream<Path> files = Files.newDirectoryStream(jobs, "*.json")) {
            for (Path file : files) {
                try {
                    JobRecord job = json.readValue(file.toFile(), JobRecord.class);
                    records.put(job.id(), job);
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "unreadable print job record " + file + " left aside: " + e.getMessage());
                }
            }
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(documents, "*.doc")) {
            for (Path file : files) {
                String id = file.getFileName().toString().replaceFirst("\\.doc$", "");
                if (!records.containsKey(id)) {
                    // the crash came before the record: submit never returned, so the sender sends it again
                    Files.deleteIfExists(file);
                }
            }
        }
        return List.copyOf(records.values());
    }

    Optional<JobRecord> get(String id) {
        return Optional.ofNullable(records.get(id));
    }

    /** Newest first. */
    List<JobRecord> list(String vmKey, int limit) {
        return records.values().stream().filter(j -> vmKey == null || j.context().vmKey().equals(vmKey))
                .sorted(Comparator.comparing(JobRecord::created).reversed().thenComparing(JobRecord::id))
                .limit(Math.max(0, limit)).toList();
    }

    Path document(String id) {
        return documents.resolve(id + ".doc");
    }

    /** Where a job's document converted for its printer is written while it is handed over (removed at start). */
    Path conversion(String id) {
        return incoming.resolve(id + ".converted");
    }

    /**
     * Streams {@code in} into the spool as the document of {@code id}: 64 KiB at a time, hashed and counted on the
     * way, synced, then renamed into place. On any failure nothing is left.
     *
     * @throws BrokenUpload when reading {@code in} failed
     * @throws PrintException INVALID for a size that differs from {@code declaredBytes} or exceeds the limit,
     *                        STORAGE when the disk is (nearly) full or not writable
     */
    Received receive(String id, InputStream in, long declaredBytes) throws IOException, PrintException {
        if (declaredBytes > maxJobBytes) {
            throw new PrintException(Kind.INVALID, "the document (" + declaredBytes + " bytes) is larger than the "
                    + maxJobBytes + " bytes a print job may have");
        }
        checkSpace(Math.max(0, declaredBytes));
        Path temp = incoming.resolve(id + "-" + UUID.randomUUID() + ".part");
        boolean kept = false;
        try {
            MessageDigest sha = sha256();
            long total = 0;
            long nextCheck = SPACE_CHECK_INTERVAL;
            byte[] buffer = new byte[BUFFER];
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                while (true) {
                    int n;
                    try {
                        n = in.read(buffer);
                    } catch (IOException e) {
                        throw new BrokenUpload("the document stream broke after " + total + " bytes: " + e.getMessage(), e);
                    }
                    if (n < 0) {
                        break;
                    }
                    total += n;
                    if (total > maxJobBytes || (declaredBytes >= 0 && total > declaredBytes)) {
                        throw new PrintException(Kind.INVALID, "the document is larger than "
                                + (declaredBytes >= 0 ? "the " + declaredBytes + " bytes declared" : maxJobBytes + " bytes"));
                    }
                    if (total >= nextCheck) {
                        checkSpace(0);
                        nextCheck = total + SPACE_CHECK_INTERVAL;
                    }
                    sha.update(buffer, 0, n);
                    ByteBuffer block = ByteBuffer.wrap(buffer, 0, n);
                    while (block.hasRemaining()) {
                        out.write(block);
                    }
                }
                if (declaredBytes >= 0 && total != declaredBytes) {
                    throw new PrintException(Kind.INVALID, "the document ended after " + total + " of the "
                            + declaredBytes + " bytes declared");
                }
                out.force(true);
            }
            Files.move(temp, document(id), StandardCopyOption.ATOMIC_MOVE);
            force(documents);
            kept = true;
            return new Received(total, HexFormat.of().formatHex(sha.digest()));
        } catch (BrokenUpload | PrintException e) {
            throw e;
        } catch (IOException e) {
            throw new PrintException(Kind.STORAGE, "the print spool could not store the document: " + e.getMessage(), e);
        } finally {
            if (!kept) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private void checkSpace(long needed) throws PrintException {
        try {
            long usable = Files.getFileStore(incoming).getUsableSpace();
            if (usable - needed < reserveBytes) {
                throw new PrintException(Kind.STORAGE, "the print spool's disk is full (" + usable
                        + " bytes free, " + reserveBytes + " kept in reserve)");
            }
        } catch (IOException e) {
            throw new PrintException(Kind.STORAGE, "cannot see the print spool's free space: " + e.getMessage(), e);
        }
    }

    /** Writes a new record (atomically, synced). */
    JobRecord create(JobRecord job) throws PrintException {
        synchronized (lockOf(job.id())) {
            write(job);
            records.put(job.id(), job);
            return job;
        }
    }

    /**
     * Changes a record: {@code change} sees the current record and returns the new one (or the same to keep it).
     *
     * @return the record after the change, empty if there is no such job
     */
    Optional<JobRecord> update(String id, UnaryOperator<JobRecord> change) throws PrintException {
        synchronized (lockOf(id)) {
            JobRecord current = records.get(id);
            if (current == null) {
                return Optional.empty();
            }
            JobRecord next = change.apply(current);
            if (next != current) {
                write(next);
                records.put(id, next);
            }
            return Optional.of(next);
        }
    }

    void deleteDocument(String id) {
        try {
            Files.deleteIfExists(document(id));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not delete the printed document of job " + id + ": " + e.getMessage());
        }
    }

    /** Forgets a record (retention). */
    void remove(String id) throws IOException {
        synchronized (lockOf(id)) {
            Files.deleteIfExists(jobs.resolve(id + ".json"));
            Files.deleteIfExists(document(id));
            records.remove(id);
        }
    }

    private void write(JobRecord job) throws PrintException {
        Path target = jobs.resolve(job.id() + ".json");
        Path temp = jobs.resolve("." + job.id() + "-" + UUID.randomUUID() + ".tmp");
        try {
            byte[] bytes = json.writeValueAsBytes(job);
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            force(jobs);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the start-up clean removes it
            }
            throw new PrintException(Kind.STORAGE, "the print spool could not write the record of job " + job.id()
                    + ": " + e.getMessage(), e);
        }
    }

    /** Syncs a directory so a rename in it survives a power cut. */
    private static void force(Path directory) throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // some file systems cannot sync directories; the rename itself is still atomic
            LOG.log(Level.FINE, "directory sync of " + directory + " failed: " + e.getMessage());
        }
    }

    private static void deleteAll(Path directory, String glob) throws IOException {
        List<Path> leftovers = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, glob)) {
            files.forEach(leftovers::add);
        }
        for (Path file : leftovers) {
            Files.deleteIfExists(file);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException("no SHA-256 in this JVM", e));
        }
    }
}
