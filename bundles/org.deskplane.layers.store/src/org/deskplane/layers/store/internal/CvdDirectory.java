package org.deskplane.layers.store.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

import org.deskplane.layers.api.Cvd;
import org.deskplane.layers.api.CvdVersion;
import org.deskplane.layers.api.Layer;

/**
 * One CVD's files and the state read from them: {@code cvd.properties} (owner, creation), {@code versions/<n>.version}
 * (one small file per version), {@code head} (the newest non-snapshot version, written last) and, while a version is
 * being published, the write-ahead record {@code publishing}. Publishing writes the record, then the version file,
 * then the head, then removes the record; a start after a crash finishes or discards what the record names, so a
 * version is visible completely or not at all. Callers hold {@link #lock()} around reads of a consistent state and
 * around {@link #commit}.
 */
final class CvdDirectory {

    private static final String META = "cvd.properties";
    private static final String HEAD = "head";
    private static final String WRITE_AHEAD = "publishing";

    private final Path directory;
    private final AtomicFiles atomic;
    private final String id;
    private final String owner;
    private final Instant created;
    private final ReentrantLock lock = new ReentrantLock();
    private final TreeMap<Long, StoredVersion> versions = new TreeMap<>();
    private long head;
    private long highestSystemToken;

    private CvdDirectory(Path directory, AtomicFiles atomic, String id, String owner, Instant created) {
        this.directory = directory;
        this.atomic = atomic;
        this.id = id;
        this.owner = owner;
        this.created = created;
    }

    static CvdDirectory create(Path directory, AtomicFiles atomic, String id, String owner, Instant created) throws IOException {
        Files.createDirectories(directory.resolve("versions"));
        Properties p = new Properties();
        p.setProperty("id", id);
        p.setProperty("owner", owner);
        p.setProperty("created", created.toString());
        atomic.write(directory.resolve(META), store(p));
        return new CvdDirectory(directory, atomic, id, owner, created);
    }

    /**
     * Opens a CVD written earlier, recovering from a crash: a publish its write-ahead record names is finished when
     * its version file and manifests are complete, discarded otherwise. Returns empty for a folder that a crash left
     * before its {@code cvd.properties} was written.
     */
    static Optional<CvdDirectory> open(Path directory, AtomicFiles atomic, ManifestFiles manifests, List<String> problems)
            throws IOException {
        Path meta = directory.resolve(META);
        if (!Files.isRegularFile(meta)) {
            return Optional.empty();
        }
        Properties p = load(Files.readAllBytes(meta));
        CvdDirectory cvd = new CvdDirectory(directory, atomic, p.getProperty("id"), p.getProperty("owner", ""),
                Instant.parse(p.getProperty("created")));
        Files.createDirectories(directory.resolve("versions"));
        cvd.recoverWriteAhead(manifests);
        try (var files = Files.list(directory.resolve("versions"))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (!file.getFileName().toString().endsWith(".version")) {
                    continue;
                }
                try {
                    StoredVersion version = StoredVersion.parse(Files.readAllBytes(file));
                    cvd.versions.put(version.version().number(), version);
                } catch (IOException e) {
                    problems.add("CVD " + cvd.id + ": unreadable version file " + file.getFileName() + ": " + e.getMessage());
                }
            }
        }
        cvd.deriveHeadAndToken();
        return Optional.of(cvd);
    }

    private void recoverWriteAhead(ManifestFiles manifests) throws IOException {
        Path record = directory.resolve(WRITE_AHEAD);
        if (!Files.isRegularFile(record)) {
            return;
        }
        String content = Files.readString(record, StandardCharsets.US_ASCII).trim();
        long number;
        try {
            number = Long.parseLong(content);
        } catch (NumberFormatException e) {
            number = -1; // the record is written atomically; a bad one means outside damage: nothing to finish
        }
        if (number > 0) {
            Path file = versionFile(number);
            if (Files.isRegularFile(file)) {
                boolean complete;
                try {
                    complete = StoredVersion.parse(Files.readAllBytes(file)).version().layers().values().stream()
                            .allMatch(manifests::exists);
                } catch (IOException e) {
                    complete = false;
                }
                if (!complete) {
                    Files.delete(file);
                }
            }
        }
        // the head is derived from the version files below and written again when it differs
        Files.delete(record);
    }

    private void deriveHeadAndToken() throws IOException {
        long derived = 0;
        long token = 0;
        for (StoredVersion stored : versions.values()) {
            CvdVersion v = stored.version();
            if (v.kind() != CvdVersion.Kind.SNAPSHOT) {
                derived = v.number();
            }
            if (v.kind() == CvdVersion.Kind.UPLOAD && v.layers().keySet().stream().anyMatch(Layer::isSystem)) {
                token = Math.max(token, v.fencingToken());
            }
        }
        head = derived;
        highestSystemToken = token;
        Path headFile = directory.resolve(HEAD);
        String written = Files.isRegularFile(headFile) ? Files.readString(headFile, StandardCharsets.US_ASCII).trim() : "";
        if (!written.equals(Long.toString(head))) {
            atomic.write(headFile, Long.toString(head).getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** Writes a version: write-ahead record, version file, head (unless a snapshot), record removed. */
    void commit(StoredVersion stored) throws IOException {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("commit without the CVD's lock");
        }
        CvdVersion v = stored.version();
        Path record = directory.resolve(WRITE_AHEAD);
        atomic.write(record, Long.toString(v.number()).getBytes(StandardCharsets.US_ASCII));
        atomic.write(versionFile(v.number()), stored.serialize());
        if (v.kind() != CvdVersion.Kind.SNAPSHOT) {
            atomic.write(directory.resolve(HEAD), Long.toString(v.number()).getBytes(StandardCharsets.US_ASCII));
        }
        Files.delete(record);
        versions.put(v.number(), stored);
        if (v.kind() != CvdVersion.Kind.SNAPSHOT) {
            head = v.number();
        }
        if (v.kind() == CvdVersion.Kind.UPLOAD && v.layers().keySet().stream().anyMatch(Layer::isSystem)) {
            highestSystemToken = Math.max(highestSystemToken, v.fencingToken());
        }
    }

    private Path versionFile(long number) {
        return directory.resolve("versions").resolve(String.format("%020d.version", number));
    }

    ReentrantLock lock() {
        return lock;
    }

    String id() {
        return id;
    }

    Cvd cvd() {
        lock.lock();
        try {
            return new Cvd(id, owner, created, head);
        } finally {
            lock.unlock();
        }
    }

    long head() {
        return head;
    }

    long highestSystemToken() {
        return highestSystemToken;
    }

    long nextNumber() {
        return versions.isEmpty() ? 1 : versions.lastKey() + 1;
    }

    Optional<StoredVersion> version(long number) {
        lock.lock();
        try {
            return Optional.ofNullable(versions.get(number));
        } finally {
            lock.unlock();
        }
    }

    List<StoredVersion> versions() {
        lock.lock();
        try {
            return new ArrayList<>(versions.values());
        } finally {
            lock.unlock();
        }
    }

    private static byte[] store(Properties p) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.store(out, "CVD");
        return out.toByteArray();
    }

    private static Properties load(byte[] content) throws IOException {
        Properties p = new Properties();
        p.load(new ByteArrayInputStream(content));
        if (p.getProperty("id") == null || p.getProperty("created") == null) {
            throw new IOException("damaged cvd.properties");
        }
        return p;
    }
}
