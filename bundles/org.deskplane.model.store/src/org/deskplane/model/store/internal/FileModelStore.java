package org.deskplane.model.store.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

import org.deskplane.model.DeskplaneFactory;
import org.deskplane.model.store.CorruptModelException;
import org.deskplane.model.store.ModelStore;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.util.EcoreUtil;

/**
 * The model store over one directory, independent of OSGi (the persistence kill test runs it in a plain JVM).
 * One lock per model name serializes loads and saves of that model; different models proceed in parallel. The
 * last root read or written is kept in memory together with the file's identity, so loads of an unchanged file
 * cost a copy, not a parse, and a save knows whether the file it replaces was verified readable.
 */
public final class FileModelStore implements ModelStore {

    /** Bigger files are refused rather than parsed: they are not something this store wrote. */
    static final long MAX_FILE_BYTES = 256L * 1024 * 1024;
    static final String EXTENSION = ".xmi";

    private static final Logger LOG = System.getLogger(FileModelStore.class.getName());
    private static final Pattern NAME = Pattern.compile(NAME_PATTERN);
    private static final DateTimeFormatter QUARANTINE_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Path directory;
    private final Clock clock;
    private final ConcurrentMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Verified> verified = new ConcurrentHashMap<>();

    /** A root known to match the file with this identity (inode, size, time) on disk. */
    private record Verified(EObject root, Object fileKey, long size, long modifiedMillis) {
        boolean matches(BasicFileAttributes attributes) {
            return Objects.equals(fileKey, attributes.fileKey()) && size == attributes.size()
                    && modifiedMillis == attributes.lastModifiedTime().toMillis();
        }
    }

    public FileModelStore(Path directory) throws IOException {
        this(directory, Clock.systemUTC());
    }

    FileModelStore(Path directory, Clock clock) throws IOException {
        this.directory = Files.createDirectories(directory.toAbsolutePath().normalize());
        this.clock = clock;
        int leftovers = AtomicFileWriter.deleteLeftovers(this.directory);
        if (leftovers > 0) {
            LOG.log(Level.INFO, "deleted {0} unfinished temporary file(s) of an interrupted save in {1}", leftovers,
                    this.directory);
        }
    }

    public Path directory() {
        return directory;
    }

    /** The file that holds the model {@code name}. */
    public Path fileOf(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("model name must match " + NAME_PATTERN + ": " + name);
        }
        return directory.resolve(name + EXTENSION);
    }

    @Override
    public EObject load(String name) throws IOException {
        Path file = fileOf(name);
        ReentrantLock lock = lockOf(name);
        lock.lock();
        try {
            Verified current = readVerified(name, file);
            return current == null ? DeskplaneFactory.eINSTANCE.createInventory() : EcoreUtil.copy(current.root());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void save(String name, EObject root) throws IOException {
        Objects.requireNonNull(root, "root");
        Path file = fileOf(name);
        XmiCodec.Encoded encoded = XmiCodec.encode(root); // before taking the lock: it does not touch the store
        ReentrantLock lock = lockOf(name);
        lock.lock();
        try {
            readVerified(name, file); // refuses (throws) when the file to be replaced is corrupt
            AtomicFileWriter.write(file, encoded.bytes());
            remember(name, encoded.root(), Files.readAttributes(file, BasicFileAttributes.class));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean exists(String name) {
        return Files.exists(fileOf(name));
    }

    @Override
    public Path quarantine(String name) throws IOException {
        Path file = fileOf(name);
        ReentrantLock lock = lockOf(name);
        lock.lock();
        try {
            verified.remove(name);
            if (!Files.exists(file)) {
                return null;
            }
            String stamp = QUARANTINE_STAMP.format(clock.instant());
            Path aside = directory.resolve(file.getFileName() + ".corrupt-" + stamp);
            for (int i = 1; Files.exists(aside); i++) {
                aside = directory.resolve(file.getFileName() + ".corrupt-" + stamp + "-" + i);
            }
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
            AtomicFileWriter.forceDirectory(directory);
            LOG.log(Level.WARNING, "model ''{0}'' moved aside to {1}; it starts afresh", name, aside);
            return aside;
        } finally {
            lock.unlock();
        }
    }

    /** The verified content of {@code file}, parsing it only when it changed; null when there is no file. */
    private Verified readVerified(String name, Path file) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            verified.remove(name);
            return null;
        }
        Verified known = verified.get(name);
        if (known != null && known.matches(attributes)) {
            return known;
        }
        verified.remove(name);
        if (attributes.size() > MAX_FILE_BYTES) {
            throw corrupt(name, file, "larger than " + MAX_FILE_BYTES + " bytes", null);
        }
        byte[] bytes = Files.readAllBytes(file);
        EObject root;
        try {
            root = XmiCodec.decode(bytes, file.getFileName().toString());
        } catch (IOException e) {
            throw corrupt(name, file, e.getMessage(), e);
        }
        return remember(name, root, attributes);
    }

    private Verified remember(String name, EObject root, BasicFileAttributes attributes) {
        Verified entry = new Verified(root, attributes.fileKey(), attributes.size(),
                attributes.lastModifiedTime().toMillis());
        verified.put(name, entry);
        return entry;
    }

    private static CorruptModelException corrupt(String name, Path file, String reason, Throwable cause) {
        CorruptModelException problem = new CorruptModelException(name, file, reason, cause);
        LOG.log(Level.ERROR, problem.getMessage());
        return problem;
    }

    private ReentrantLock lockOf(String name) {
        return locks.computeIfAbsent(name, n -> new ReentrantLock());
    }
}
