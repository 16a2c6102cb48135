package org.deskplane.layers.merge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

import org.deskplane.layers.api.EntryType;
import org.deskplane.layers.api.FileEntry;
import org.deskplane.layers.api.LayerManifest;

/**
 * The three-way merge of user files (the seed's Table 1 and the cases it leaves out, see docs/layers-merge.md).
 * Content is compared with {@link FileEntry#sameContent}: type, content hash and link target — so a file, a
 * directory and a symbolic link at one path are three different versions, and two directories are always the same.
 */
public final class ThreeWayMerge {

    private ThreeWayMerge() {
    }

    /**
     * Decides one path in isolation. Any argument may be null (absent on that side).
     */
    public static MergeDecision decide(FileEntry local, FileEntry lastUploaded, FileEntry server) {
        MergeCase mergeCase = classify(local, lastUploaded, server);
        MergeAction action = mergeCase.action();
        if (action == MergeAction.CONFLICT_COPY && server.type() == EntryType.DIRECTORY) {
            // A directory cannot be placed "beside" under another name without renaming all its files: the local
            // non-directory moves aside instead, so both still exist side by side.
            return new MergeDecision(mergeCase, MergeAction.MOVE_LOCAL_ASIDE,
                    mergeCase.reason() + "; the server's is a directory, so the local one moves aside");
        }
        return MergeDecision.of(mergeCase);
    }

    /** Which of the fifteen situations the three entries are in. */
    public static MergeCase classify(FileEntry local, FileEntry lastUploaded, FileEntry server) {
        boolean l = local != null;
        boolean b = lastUploaded != null;
        boolean s = server != null;
        if (!l) {
            if (!b) {
                return s ? MergeCase.ADDED_ELSEWHERE : MergeCase.ABSENT_EVERYWHERE;
            }
            if (!s) {
                return MergeCase.DELETED_EVERYWHERE;
            }
            return lastUploaded.sameContent(server) ? MergeCase.DELETED_LOCALLY
                    : MergeCase.DELETED_LOCALLY_MODIFIED_ELSEWHERE;
        }
        if (!b) {
            if (!s) {
                return MergeCase.ADDED_LOCALLY;
            }
            return local.sameContent(server) ? MergeCase.RECREATED_SAME : MergeCase.RECREATED_DIFFERENT;
        }
        boolean localUnchanged = local.sameContent(lastUploaded);
        if (!s) {
            return localUnchanged ? MergeCase.DELETED_ELSEWHERE : MergeCase.MODIFIED_LOCALLY_DELETED_ELSEWHERE;
        }
        boolean serverUnchanged = lastUploaded.sameContent(server);
        if (localUnchanged && serverUnchanged) {
            return MergeCase.UNCHANGED;
        }
        if (localUnchanged) {
            return MergeCase.MODIFIED_ELSEWHERE;
        }
        if (serverUnchanged) {
            return MergeCase.MODIFIED_LOCALLY;
        }
        return local.sameContent(server) ? MergeCase.MODIFIED_SAME_WAY : MergeCase.MODIFIED_BOTH_WAYS;
    }

    /**
     * Decides every path of three manifests of the user-files layer and returns the paths with something to do.
     * Tree rule: a local directory that would be deleted or replaced by a server file but still holds something
     * after the merge (a locally changed file, a conflict copy) is not removed — a deletion becomes
     * {@link MergeAction#KEEP_LOCAL_NOTIFY}, a replacement a {@link MergeAction#CONFLICT_COPY} beside it.
     * Order: everything that creates or keeps paths in path order (parents before children), then the local
     * deletions deepest first, so the client can apply the list as it comes.
     */
    public static List<PlannedMerge> plan(LayerManifest local, LayerManifest lastUploaded, LayerManifest server) {
        Map<String, FileEntry> l = local.byPath();
        Map<String, FileEntry> b = lastUploaded.byPath();
        Map<String, FileEntry> s = server.byPath();
        TreeSet<String> paths = new TreeSet<>(PATH_ORDER);
        paths.addAll(l.keySet());
        paths.addAll(b.keySet());
        paths.addAll(s.keySet());

        TreeMap<String, PlannedMerge> planned = new TreeMap<>(PATH_ORDER);
        for (String path : paths) {
            planned.put(path, new PlannedMerge(path, l.get(path), b.get(path), s.get(path),
                    decide(l.get(path), b.get(path), s.get(path))));
        }
        keepDirectoriesThatStillHoldFiles(planned);

        List<PlannedMerge> forward = new ArrayList<>();
        List<PlannedMerge> deletions = new ArrayList<>();
        for (PlannedMerge p : planned.values()) {
            if (p.action() == MergeAction.DELETE_LOCAL) {
                deletions.add(p);
            } else if (p.action() != MergeAction.NOTHING) {
                forward.add(p);
            }
        }
        deletions.sort(Comparator.comparing(PlannedMerge::path, PATH_ORDER).reversed());
        forward.addAll(deletions);
        return forward;
    }

    /** Orders "a" < "a/b" < "a b" so that a directory's descendants follow it directly. */
    static final Comparator<String> PATH_ORDER = Comparator.comparing(p -> p.replace('/', '\0'));

    private static void keepDirectoriesThatStillHoldFiles(TreeMap<String, PlannedMerge> planned) {
        NavigableSet<String> remaining = new TreeSet<>(PATH_ORDER);
        // Deepest first: a directory's verdict depends on what stays below it.
        for (PlannedMerge p : planned.descendingMap().values()) {
            MergeAction action = p.action();
            boolean removesLocalDirectory = p.local() != null && p.local().type() == EntryType.DIRECTORY
                    && (action == MergeAction.DELETE_LOCAL
                            || action == MergeAction.TAKE_SERVER && p.server().type() != EntryType.DIRECTORY);
            if (removesLocalDirectory && holdsSomething(remaining, p.path())) {
                MergeDecision kept = action == MergeAction.DELETE_LOCAL
                        ? new MergeDecision(p.decision().mergeCase(), MergeAction.KEEP_LOCAL_NOTIFY,
                                "deleted by another endpoint but still holds files changed here: kept")
                        : new MergeDecision(p.decision().mergeCase(), MergeAction.CONFLICT_COPY,
                                "replaced by a file elsewhere but still holds files changed here: the server's goes"
                                        + " beside it under a conflict name");
                p = new PlannedMerge(p.path(), p.local(), p.lastUploaded(), p.server(), kept);
                planned.put(p.path(), p);
            }
            if (existsAfter(p)) {
                remaining.add(p.path());
            }
        }
    }

    private static boolean holdsSomething(NavigableSet<String> remaining, String directory) {
        String first = remaining.ceiling(directory + "/");
        return first != null && first.startsWith(directory + "/");
    }

    private static boolean existsAfter(PlannedMerge p) {
        return switch (p.action()) {
            case DELETE_LOCAL -> false;
            case TAKE_SERVER, CONFLICT_COPY, MOVE_LOCAL_ASIDE -> true;
            default -> p.local() != null;
        };
    }
}
