package org.deskplane.layers.pivot.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.deskplane.layers.api.FileEntry;
import org.deskplane.layers.pivot.PivotException;

/**
 * Turns a sealed staging area and the current tree into the ordered steps of a pivot: deletions (parents before
 * children; a child of a deleted directory goes with it), then the new directories (parents first), then the
 * staged files and links. Whether something exists at each step's path is decided here, before anything moves,
 * and written into the journal — recovery depends on it.
 */
public final class PivotPlanner {

    /** "a" < "a/b" < "a b": a directory's descendants follow it directly. */
    public static final Comparator<String> PATH_ORDER = Comparator.comparing(p -> p.replace('/', '\0'));

    private PivotPlanner() {
    }

    public static List<Op> plan(Path root, Path stagedFiles, List<String> deletions) throws IOException {
        TreeSet<String> stagedDirs = new TreeSet<>(PATH_ORDER);
        TreeSet<String> stagedLeaves = new TreeSet<>(PATH_ORDER);
        try (Stream<Path> walk = Files.walk(stagedFiles)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (p.equals(stagedFiles)) {
                    continue;
                }
                String rel = relative(stagedFiles, p);
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    stagedDirs.add(rel);
                } else {
                    stagedLeaves.add(rel);
                }
            }
        }

        TreeSet<String> toDelete = new TreeSet<>(PATH_ORDER);
        for (String d : deletions) {
            if (!FileEntry.validPath(d)) {
                throw new PivotException("staged deletion is not a relative path inside the tree: '" + d + "'");
            }
            toDelete.add(d);
        }
        // A staged directory where the tree has a file or a link: the file goes first. Replacing a link by a real
        // directory also means nothing is ever written through a link the old tree had.
        for (String dir : stagedDirs) {
            Path target = root.resolve(dir);
            if (DurableFiles.exists(target) && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                toDelete.add(dir);
            }
        }

        List<Op> ops = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        for (String d : toDelete) {
            if (coveredBy(deleted, d)) {
                continue; // moves with its deleted parent
            }
            if (DurableFiles.exists(root.resolve(d))) {
                ops.add(new Op(Op.Kind.DELETE, d, true));
                deleted.add(d);
            }
        }
        for (String dir : stagedDirs) {
            boolean replacesDeleted = coveredBy(deleted, dir);
            boolean isDirectoryNow = Files.isDirectory(root.resolve(dir), LinkOption.NOFOLLOW_LINKS);
            if (replacesDeleted || !isDirectoryNow) {
                ops.add(new Op(Op.Kind.MKDIR, dir, replacesDeleted));
            }
        }
        for (String leaf : stagedLeaves) {
            boolean existed = DurableFiles.exists(root.resolve(leaf)) && !coveredBy(deleted, leaf);
            ops.add(new Op(Op.Kind.PUT, leaf, existed));
        }
        return ops;
    }

    /** Whether {@code path} is one of {@code parents} or below one of them. */
    public static boolean coveredBy(List<String> parents, String path) {
        for (String p : parents) {
            if (path.equals(p) || path.startsWith(p + "/")) {
                return true;
            }
        }
        return false;
    }

    static String relative(Path base, Path p) {
        List<String> parts = new ArrayList<>();
        base.relativize(p).forEach(part -> parts.add(part.toString()));
        return String.join("/", parts);
    }
}
