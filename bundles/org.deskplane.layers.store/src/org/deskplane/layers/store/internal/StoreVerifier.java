package org.deskplane.layers.store.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.deskplane.layers.api.LayerException;
import org.deskplane.layers.api.VerifyReport;

/**
 * Reads the whole store back: every chunk against its id (a corrupt one is moved aside and reported), every
 * manifest of every version against its digest, and every chunk a manifest names for presence. Problems are capped
 * so that a badly damaged store still gives a report of bounded size.
 */
final class StoreVerifier {

    private static final int MAX_PROBLEMS = 1000;

    private final FileCvdStore store;
    private final ChunkFiles chunks;
    private final ChunkFiles incoming;
    private final ManifestFiles manifests;
    private final List<String> problems = new ArrayList<>();
    private long omitted;

    StoreVerifier(FileCvdStore store, ChunkFiles chunks, ChunkFiles incoming, ManifestFiles manifests) {
        this.store = store;
        this.chunks = chunks;
        this.incoming = incoming;
        this.manifests = manifests;
    }

    VerifyReport verify(List<StoredVersion> versions, List<String> openingProblems) throws IOException {
        openingProblems.forEach(this::problem);
        List<String> ids = new ArrayList<>();
        chunks.forEach(stored -> ids.add(stored.id()));
        incoming.forEach(stored -> ids.add(stored.id()));
        long chunksChecked = 0;
        for (String id : ids) {
            try {
                store.readChunk(id);
                chunksChecked++;
            } catch (LayerException gone) {
                // deleted by a collection since the listing: not a problem
            } catch (IOException e) {
                chunksChecked++;
                problem(e.getMessage());
            }
        }
        Set<String> checkedManifests = new HashSet<>();
        for (StoredVersion version : versions) {
            for (var layer : version.version().layers().entrySet()) {
                String digest = layer.getValue();
                if (!checkedManifests.add(digest)) {
                    continue;
                }
                String where = "CVD " + version.version().cvdId() + " version " + version.version().number() + " " + layer.getKey();
                Set<String> seen = new HashSet<>();
                try {
                    manifests.read(digest, layer.getKey(), entry -> {
                        for (String chunk : entry.chunks()) {
                            if (seen.add(chunk) && !chunks.exists(chunk) && !incoming.exists(chunk)) {
                                problem(where + ": " + entry.path() + " names missing chunk " + chunk);
                            }
                        }
                    });
                } catch (IOException e) {
                    problem(where + ": " + e.getMessage());
                }
            }
        }
        if (omitted > 0) {
            problems.add("… and " + omitted + " more problems");
        }
        return new VerifyReport(chunksChecked, checkedManifests.size(), problems);
    }

    private void problem(String text) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(text);
        } else {
            omitted++;
        }
    }
}
