package org.deskplane.layers.store.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.deskplane.layers.api.GcReport;

/**
 * Mark and sweep over chunks and manifests. Mark: every manifest of every version (versions are never deleted)
 * and every chunk they name. Sweep: an unmarked file older than the grace period is deleted, in small batches under
 * the {@link CollectionGuard}'s exclusive side, each candidate re-checked there (its time again — a put or an
 * uploader's "present" renews it — and whether a publish since the mark named it). A publish checks its chunks
 * under the shared side, so it either sees a chunk gone and is refused, or commits before the batch that would
 * have deleted it and is seen by the re-check.
 */
final class GarbageCollector {

    private static final int BATCH = 256;

    record Result(GcReport report) {
    }

    private record Candidate(ChunkFiles folder, String id, Path file, long bytes) {
    }

    private final List<ChunkFiles> chunkFolders;
    private final ManifestFiles manifests;
    private final CollectionGuard guard;
    private final Supplier<List<StoredVersion>> versions;
    private final StoreSettings settings;
    private final Clock clock;
    private final Object oneAtATime = new Object();

    /** {@code chunkFolders}: the durable chunks and the incoming ones (an upload that never published leaves those). */
    GarbageCollector(List<ChunkFiles> chunkFolders, ManifestFiles manifests, CollectionGuard guard, Supplier<List<StoredVersion>> versions,
            StoreSettings settings, Clock clock) {
        this.chunkFolders = chunkFolders;
        this.manifests = manifests;
        this.guard = guard;
        this.versions = versions;
        this.settings = settings;
        this.clock = clock;
    }

    Result collect() throws IOException {
        synchronized (oneAtATime) {
            guard.enterExclusive();
            try {
                guard.beginCollection();
            } finally {
                guard.leaveExclusive();
            }
            try {
                return sweep(mark());
            } finally {
                guard.enterExclusive();
                try {
                    guard.endCollection();
                } finally {
                    guard.leaveExclusive();
                }
            }
        }
    }

    private record Marks(Set<String> manifests, ReachableChunks chunks) {
    }

    /** Any unreadable manifest aborts the collection: sweeping on an incomplete mark would delete live chunks. */
    private Marks mark() throws IOException {
        Set<String> markedManifests = new HashSet<>();
        ReachableChunks reachable = new ReachableChunks();
        for (StoredVersion version : versions.get()) {
            for (var layer : version.version().layers().entrySet()) {
                if (markedManifests.add(layer.getValue())) {
                    try {
                        manifests.read(layer.getValue(), layer.getKey(), entry -> entry.chunks().forEach(reachable::add));
                    } catch (IOException e) {
                        throw new IOException("garbage collection stopped before deleting anything: " + e.getMessage(), e);
                    }
                }
            }
        }
        return new Marks(markedManifests, reachable);
    }

    private Result sweep(Marks marks) throws IOException {
        Instant cutoff = clock.instant().minusMillis(settings.graceMillis());
        long[] kept = {0};
        long[] spared = {0};
        List<Candidate> candidates = new ArrayList<>();
        for (ChunkFiles folder : chunkFolders) {
            folder.forEach(stored -> {
                if (marks.chunks().mayContain(stored.id())) {
                    kept[0]++;
                } else if (!stored.touched().isBefore(cutoff)) {
                    spared[0]++;
                } else {
                    candidates.add(new Candidate(folder, stored.id(), stored.file(), stored.storedBytes()));
                }
            });
        }
        long deleted = 0;
        long freed = 0;
        for (int from = 0; from < candidates.size(); from += BATCH) {
            guard.enterExclusive();
            try {
                for (Candidate candidate : candidates.subList(from, Math.min(candidates.size(), from + BATCH))) {
                    if (stillGarbage(candidate, cutoff) && candidate.folder().delete(candidate.id())) {
                        deleted++;
                        freed += candidate.bytes();
                    } else {
                        spared[0]++;
                    }
                }
            } finally {
                guard.leaveExclusive();
            }
        }
        sweepManifests(marks.manifests(), cutoff);
        return new Result(new GcReport(kept[0], deleted, freed, spared[0]));
    }

    private boolean stillGarbage(Candidate candidate, Instant cutoff) throws IOException {
        if (guard.publishedSinceMark(candidate.id())) {
            return false;
        }
        try {
            return Files.getLastModifiedTime(candidate.file()).toInstant().isBefore(cutoff);
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** Manifests of publishes that were refused after writing them (e.g. a conflict) are garbage too. */
    private void sweepManifests(Set<String> marked, Instant cutoff) throws IOException {
        List<Path> candidates = new ArrayList<>();
        manifests.forEach(file -> {
            if (!marked.contains(file.getFileName().toString())) {
                candidates.add(file);
            }
        });
        guard.enterExclusive();
        try {
            for (Path file : candidates) {
                String digest = file.getFileName().toString();
                try {
                    if (!guard.publishedSinceMark(digest) && Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
                        manifests.delete(digest);
                    }
                } catch (NoSuchFileException gone) {
                    // already deleted
                }
            }
        } finally {
            guard.leaveExclusive();
        }
    }
}
