package org.deskplane.module.clamscan.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.osgi.framework.BundleContext;

/**
 * The test signature database shipped in this bundle ({@value #ENTRY}) copied to the bundle's data area, since
 * clamscan reads a file and a bundle entry is not one.
 */
final class BundledDatabase {

    static final String ENTRY = "db/deskplane-test.ndb";

    private BundledDatabase() {
    }

    static Path extract(BundleContext context) throws IOException {
        URL entry = context.getBundle().getEntry(ENTRY);
        if (entry == null) {
            throw new IOException("bundle entry " + ENTRY + " is missing");
        }
        java.io.File dataArea = context.getDataFile("");
        Path directory = dataArea == null ? Files.createTempDirectory("clamscan-db") : dataArea.toPath();
        Files.createDirectories(directory);
        Path target = directory.resolve("deskplane-test.ndb");
        Path temporary = Files.createTempFile(directory, "db", ".tmp");
        try (InputStream in = entry.openStream()) {
            Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return target;
    }
}
