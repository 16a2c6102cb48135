package org.deskplane.modules.trust.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import org.deskplane.modules.api.ModuleException;
import org.deskplane.modules.api.ModuleStatus;

/**
 * Deskplane's own module trust store: one {@code <alias>.pem} file per trusted certificate in one directory.
 * Readers see an immutable snapshot (the signature check never blocks on an administrator's change); changes are
 * serialised and each is written atomically before the snapshot moves on, so what is served is what is on disk.
 */
final class TrustStoreFiles {

    private static final Logger LOG = System.getLogger(TrustStoreFiles.class.getName());
    private static final String EXTENSION = ".pem";

    private final Path directory;
    private final Object changes = new Object();
    private volatile Map<String, X509Certificate> snapshot;

    TrustStoreFiles(Path directory) throws IOException {
        this.directory = directory;
        Files.createDirectories(directory);
        AtomicFiles.deleteLeftovers(directory);
        this.snapshot = Collections.unmodifiableMap(load(directory));
    }

    /** The trusted certificates by alias, sorted by alias; an immutable snapshot. */
    Map<String, X509Certificate> certificates() {
        return snapshot;
    }

    Path directory() {
        return directory;
    }

    /** Adds or replaces the certificate of {@code alias}. */
    void put(String alias, X509Certificate certificate) {
        TrustAliases.require(alias);
        synchronized (changes) {
            try {
                AtomicFiles.write(fileOf(alias), CertificateCodec.toPem(certificate));
            } catch (IOException e) {
                throw new ModuleException(ModuleStatus.FAILED,
                        "Could not write trusted certificate '" + alias + "' to " + directory + ": " + e, e);
            }
            Map<String, X509Certificate> next = new TreeMap<>(snapshot);
            next.put(alias, certificate);
            snapshot = Collections.unmodifiableMap(next);
        }
    }

    /** Adds the certificate only when there is no entry of {@code alias}; true when it was added. */
    boolean putIfAbsent(String alias, X509Certificate certificate) {
        synchronized (changes) {
            if (snapshot.containsKey(alias)) {
                return false;
            }
            put(alias, certificate);
            return true;
        }
    }

    boolean remove(String alias) {
        TrustAliases.require(alias);
        synchronized (changes) {
            if (!snapshot.containsKey(alias)) {
                return false;
            }
            try {
                AtomicFiles.delete(fileOf(alias));
            } catch (IOException e) {
                throw new ModuleException(ModuleStatus.FAILED,
                        "Could not delete trusted certificate '" + alias + "' from " + directory + ": " + e, e);
            }
            Map<String, X509Certificate> next = new TreeMap<>(snapshot);
            next.remove(alias);
            snapshot = Collections.unmodifiableMap(next);
            return true;
        }
    }

    private Path fileOf(String alias) {
        return directory.resolve(alias + EXTENSION);
    }

    /** Reads every {@code <alias>.pem}; a damaged file is logged and left alone so an administrator can look. */
    private static Map<String, X509Certificate> load(Path directory) throws IOException {
        Map<String, X509Certificate> certificates = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + EXTENSION)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String alias = name.substring(0, name.length() - EXTENSION.length());
                if (!TrustAliases.isValid(alias) || !Files.isRegularFile(file)) {
                    LOG.log(Level.WARNING, "Ignoring {0} in the module trust store: not a valid alias", file);
                    continue;
                }
                try {
                    if (Files.size(file) > CertificateCodec.MAX_CERTIFICATE_BYTES) {
                        throw new ModuleException(ModuleStatus.TOO_LARGE, "file is too big for a certificate");
                    }
                    certificates.put(alias, CertificateCodec.parse(Files.readAllBytes(file)));
                } catch (ModuleException | IOException e) {
                    LOG.log(Level.WARNING, "Ignoring {0} in the module trust store: {1}", file, e.getMessage());
                }
            }
        }
        return certificates;
    }
}
