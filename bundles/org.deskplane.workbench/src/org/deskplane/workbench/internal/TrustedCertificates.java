package org.deskplane.workbench.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Properties;

/**
 * Certificate fingerprints the user decided to trust, per server (host:port), remembered across starts in
 * {@code ~/.deskplane/workbench-trusted-servers.properties} (trust on first use). A changed certificate is
 * not trusted silently: the dialog shows the new fingerprint and asks again.
 */
final class TrustedCertificates {

    private final Path file;

    TrustedCertificates(Path file) {
        this.file = file;
    }

    static TrustedCertificates inUserHome() {
        return new TrustedCertificates(Path.of(System.getProperty("user.home"), ".deskplane",
                "workbench-trusted-servers.properties"));
    }

    synchronized Optional<String> fingerprintFor(URI server) {
        return Optional.ofNullable(load().getProperty(key(server)));
    }

    synchronized void trust(URI server, String fingerprint) throws IOException {
        Properties trusted = load();
        trusted.setProperty(key(server), fingerprint);
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), "trusted", ".tmp");
        try (OutputStream out = Files.newOutputStream(temp)) {
            trusted.store(out, "SHA-256 fingerprints of server certificates trusted in the Deskplane workbench");
        }
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.force(true); // on disk before the rename makes it the real file
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private Properties load() {
        Properties trusted = new Properties();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                trusted.load(in);
            } catch (IOException | IllegalArgumentException e) {
                System.err.println("Deskplane: cannot read " + file + " (" + e + "); no certificate is trusted yet");
            }
        }
        return trusted;
    }

    private static String key(URI server) {
        int port = server.getPort() > 0 ? server.getPort() : 443;
        return server.getHost() + ":" + port;
    }
}
