package org.deskplane.layers.client.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;

import org.deskplane.layers.api.EntryType;
import org.deskplane.layers.api.FileEntry;
import org.deskplane.layers.api.Layer;
import org.deskplane.layers.api.LayerException;
import org.deskplane.layers.api.LayerManifest;
import org.deskplane.layers.chunking.TreeScanner;
import org.deskplane.layers.pivot.Pivot;
import org.deskplane.layers.pivot.PivotResult;
import org.deskplane.layers.pivot.StagingArea;

/**
 * Layers applied as a whole at a moment the user chooses: system layers at the next restart, the profile at the next
 * log-on. The server's version is written into a protected staging area (only what differs from the tree: new and
 * changed files, deletions), sealed, and later pivoted into the tree atomically ({@link Pivot}: a crash leaves the
 * old or the new tree). One instance per staging directory.
 */
final class StagedLayers {

    private final EndpointLayout layout;
    private final ContentWriter writer;
    private final Path stateDir;

    StagedLayers(EndpointLayout layout, ContentWriter writer, Path stateDir) {
        this.layout = layout;
        this.writer = writer;
        this.stateDir = stateDir;
    }

    /** The version sealed and waiting, if any. */
    Optional<Long> waiting() throws IOException {
        return StagingArea.open(stateDir).sealedVersion().map(Long::parseLong);
    }

    /**
     * Stages the server's manifests where they differ from the tree's and seals them as {@code version}.
     *
     * @param local the tree's manifests of these layers (CVD paths)
     * @return the number of staged changes (0: nothing to stage, nothing sealed)
     */
    int stage(Map<Layer, LayerManifest> local, Map<Layer, LayerManifest> server, long version) throws IOException, LayerException {
        StagingArea area = StagingArea.open(stateDir);
        if (area.sealedVersion().map(v -> v.equals(Long.toString(version))).orElse(false)) {
            return -1; // already waiting
        }
        area.discard();
        area = StagingArea.open(stateDir);
        int changes = 0;
        for (Map.Entry<Layer, LayerManifest> layer : server.entrySet()) {
            Map<String, FileEntry> mine = local.getOrDefault(layer.getKey(), LayerManifest.empty(layer.getKey())).byPath();
            for (FileEntry wanted : layout.placeable(layer.getValue()).entries()) {
                FileEntry have = mine.remove(wanted.path());
                if (have != null && have.sameContent(wanted) && have.mode() == wanted.mode()) {
                    continue;
                }
                String at = layout.toEndpoint(layer.getKey(), wanted.path()).orElseThrow();
                if (wanted.type() == EntryType.DIRECTORY) {
                    Files.setPosixFilePermissions(area.stagedDirectory(at), TreeScanner.permissions(wanted.mode()));
                } else if (wanted.type() == EntryType.SYMLINK) {
                    Files.createSymbolicLink(area.stagedFile(at), Path.of(wanted.linkTarget()));
                } else {
                    Path staged = area.stagedFile(at);
                    writer.download(wanted, staged);
                    ContentWriter.verify(wanted, staged);
                    Files.setPosixFilePermissions(staged, TreeScanner.permissions(wanted.mode()));
                    Files.setLastModifiedTime(staged, FileTime.fromMillis(wanted.modifiedMillis()));
                }
                changes++;
            }
            for (FileEntry gone : mine.values()) {
                area.stageDeletion(layout.toEndpoint(layer.getKey(), gone.path()).orElseThrow());
                changes++;
            }
        }
        if (changes == 0) {
            area.discard();
            return 0;
        }
        area.seal(Long.toString(version));
        return changes;
    }

    /** Pivots what is sealed into the tree (finishing or undoing an interrupted pivot first). */
    Optional<PivotResult> apply() throws IOException {
        Pivot pivot = new Pivot(stateDir);
        if (pivot.recoveryNeeded()) {
            pivot.recover(layout.root());
        }
        if (waiting().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(pivot.apply(layout.root()));
    }

    Path stagedTree() throws IOException {
        return StagingArea.open(stateDir).filesRoot();
    }
}
