package org.deskplane.modules.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.deskplane.modules.api.Registration;
import org.deskplane.modules.internal.store.AtomicFiles;
import org.deskplane.modules.internal.store.Json;

import com.fasterxml.jackson.core.type.TypeReference;

/**
 * Which modules each VM image needs before it starts ({@code registrations.json}). One version per module and
 * image: registering another version replaces the registration.
 */
final class Registrations {

    private final Path file;
    private List<Registration> all;

    Registrations(Path dir) throws IOException {
        file = dir.resolve("registrations.json");
        all = Files.exists(file)
                ? new ArrayList<>(Json.MAPPER.readValue(file.toFile(), new TypeReference<List<Registration>>() {
                }))
                : new ArrayList<>();
    }

    synchronized List<Registration> of(String image) {
        return all.stream().filter(r -> image == null || r.image().equals(image))
                .sorted(Comparator.comparing(Registration::image).thenComparing(Registration::symbolicName)).toList();
    }

    synchronized boolean isRegistered(String symbolicName, String version) {
        return all.stream().anyMatch(r -> r.symbolicName().equals(symbolicName) && r.version().equals(version));
    }

    synchronized void put(Registration registration) {
        List<Registration> changed = new ArrayList<>(all);
        changed.removeIf(r -> r.image().equals(registration.image())
                && r.symbolicName().equals(registration.symbolicName()));
        changed.add(registration);
        save(changed);
    }

    synchronized boolean remove(String image, String symbolicName, String version) {
        List<Registration> changed = new ArrayList<>(all);
        boolean removed = changed.removeIf(r -> r.image().equals(image) && r.symbolicName().equals(symbolicName)
                && r.version().equals(version));
        if (removed) {
            save(changed);
        }
        return removed;
    }

    /** Every registration of another version of the module moves to {@code newVersion}. */
    synchronized int moveTo(String symbolicName, String newVersion) {
        List<Registration> changed = new ArrayList<>();
        int moved = 0;
        for (Registration r : all) {
            if (r.symbolicName().equals(symbolicName) && !r.version().equals(newVersion)) {
                changed.add(new Registration(r.image(), symbolicName, newVersion, r.registeredBy(), r.time()));
                moved++;
            } else {
                changed.add(r);
            }
        }
        if (moved > 0) {
            save(changed);
        }
        return moved;
    }

    private void save(List<Registration> changed) {
        try {
            AtomicFiles.write(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(changed));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the module registrations", e);
        }
        all = changed;
    }
}
