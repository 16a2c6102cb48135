package org.deskplane.layers.client.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.deskplane.layers.api.EntryType;
import org.deskplane.layers.api.FileEntry;
import org.deskplane.layers.api.Layer;
import org.deskplane.layers.api.LayerException;
import org.deskplane.layers.api.LayerManifest;
import org.deskplane.layers.merge.ConflictNames;
import org.deskplane.layers.merge.ConflictPlacement;
import org.deskplane.layers.merge.PlannedMerge;
import org.deskplane.layers.merge.ThreeWayMerge;

/**
 * The live merge of user files: the local tree, the base (what this endpoint and the server last agreed on) and the
 * server's newest manifest are compared path by path ({@link ThreeWayMerge}), and the plan is applied to the tree.
 * Local changes stay and go up with the next upload; a conflict keeps both versions, the server's under a
 * conflict name.
 */
final class UserFilesMerge {

    /** What a merge did. */
    record Outcome(int changed, List<String> conflictCopies, List<String> notices) {
    }

    private final EndpointLayout layout;
    private final ContentWriter writer;
    private final ConflictNames conflictNames;
    private final String endpointId;
    private final Clock clock;
    private final CacheMode cache;

    /** @param cache the endpoint's cache mode, or null when it keeps every file */
    UserFilesMerge(EndpointLayout layout, ContentWriter writer, ConflictNames conflictNames, String endpointId, Clock clock,
            CacheMode cache) {
        this.cache = cache;
        this.layout = layout;
        this.writer = writer;
        this.conflictNames = conflictNames;
        this.endpointId = endpointId;
        this.clock = clock;
    }

    /**
     * @param local the scanned user files, in CVD paths
     * @param base the base manifest
     * @param server the server's manifest at the version merged
     * @param serverEndpoint the endpoint that uploaded that version (named in conflict copies)
     */
    Outcome merge(LayerManifest local, LayerManifest base, LayerManifest server, String serverEndpoint, Consumer<String> log)
            throws IOException, LayerException {
        LayerManifest placeable = layout.placeable(server);
        Map<String, Path> localCopies = new HashMap<>();
        for (FileEntry e : local.entries()) {
            if (e.type() == EntryType.FILE) {
                localCopies.putIfAbsent(e.contentHash(), layout.file(Layer.USER_FILES, e.path()));
            }
        }
        Set<String> existing = new HashSet<>(local.byPath().keySet());
        existing.addAll(placeable.byPath().keySet());
        long resident = local.entries().stream().filter(e -> e.type() == EntryType.FILE).mapToLong(FileEntry::size).sum();
        int changed = 0;
        List<String> copies = new java.util.ArrayList<>();
        List<String> notices = new java.util.ArrayList<>();
        for (PlannedMerge step : ThreeWayMerge.plan(local, layout.placeable(base), placeable)) {
            Path target = layout.file(Layer.USER_FILES, step.path());
            switch (step.action()) {
            case TAKE_SERVER:
                if (cache != null && step.server().type() == EntryType.FILE && !cache.fits(step.server(), resident)) {
                    cache.leaveBehind(step.server(), target); // no room: fetched when the user opens it
                } else {
                    writer.write(step.server(), target, localCopies);
                    resident += step.server().size();
                }
                changed++;
                break;
            case DELETE_LOCAL:
                if (step.local() != null && step.local().type() == EntryType.DIRECTORY) {
                    deleteEmptyDirectory(target);
                } else {
                    Files.deleteIfExists(target);
                }
                changed++;
                break;
            case CONFLICT_COPY:
                ConflictPlacement placement = conflictNames.place(step.path(), serverEndpoint, clock.instant(), existing);
                for (String evicted : placement.evicted()) {
                    Files.deleteIfExists(layout.file(Layer.USER_FILES, evicted));
                    existing.remove(evicted);
                }
                writer.write(EndpointLayout.withPath(step.server(), placement.copyPath()),
                        layout.file(Layer.USER_FILES, placement.copyPath()), localCopies);
                existing.add(placement.copyPath());
                copies.add(placement.copyPath());
                changed++;
                break;
            case MOVE_LOCAL_ASIDE:
                ConflictPlacement aside = conflictNames.place(step.path(), endpointId, clock.instant(), existing);
                Files.move(target, layout.file(Layer.USER_FILES, aside.copyPath()));
                existing.add(aside.copyPath());
                writer.write(step.server(), target, localCopies);
                copies.add(aside.copyPath());
                changed++;
                break;
            case KEEP_LOCAL_NOTIFY:
                notices.add(step.path() + ": " + step.decision().reason());
                break;
            default:
                break; // NOTHING, UPLOAD_LOCAL, UPLOAD_DELETION: the upload carries them
            }
            if (step.action().changesLocal()) {
                log.accept(step.action() + " " + step.path());
            }
        }
        return new Outcome(changed, copies, notices);
    }

    private static void deleteEmptyDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            try (var children = Files.list(dir)) {
                if (children.findAny().isPresent()) {
                    return; // something local is still in it: the plan keeps such directories, this is a second guard
                }
            }
        }
        Files.deleteIfExists(dir);
    }
}
