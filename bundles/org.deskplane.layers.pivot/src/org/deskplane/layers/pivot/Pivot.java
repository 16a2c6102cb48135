package org.deskplane.layers.pivot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.deskplane.layers.pivot.internal.DurableFiles;
import org.deskplane.layers.pivot.internal.Journal;
import org.deskplane.layers.pivot.internal.Op;
import org.deskplane.layers.pivot.internal.PivotPlanner;

/**
 * Applies a sealed {@link StagingArea} to the endpoint's tree atomically with respect to crashes.
 * <p>
 * Write-ahead: the plan of every step (and whether each path existed) is written durably first; each path that is
 * replaced or deleted is renamed into the journal's backups before the new content is renamed into place (renames
 * only, so root, state directory and staging must share one file system); when every move is done and the touched
 * directories are synced, a commit marker is written; then backups and staging are removed. {@link #recover} at the
 * next start rolls an uncommitted pivot back (old tree, staging intact for a retry) and finishes a committed one.
 * A staged version equal to the applied one is skipped.
 */
public final class Pivot {

    /** Test hook: called after each durable step; throwing from it simulates a crash at that point. */
    interface StepListener {
        void afterStep(String step);
    }

    private final Path stateDir;
    private final Journal journal;
    private StepListener steps = step -> {
    };

    public Pivot(Path stateDir) {
        this.stateDir = stateDir.toAbsolutePath().normalize();
        this.journal = new Journal(this.stateDir);
    }

    void onStep(StepListener listener) {
        this.steps = listener;
    }

    /** The version applied by the last completed pivot. */
    public Optional<String> appliedVersion() throws IOException {
        Path f = stateDir.resolve("applied-version");
        return Files.exists(f) ? Optional.of(Files.readString(f, StandardCharsets.UTF_8)) : Optional.empty();
    }

    /** Whether an interrupted pivot waits for {@link #recover}. */
    public boolean recoveryNeeded() {
        return journal.hasPlan();
    }

    /**
     * Pivots the sealed staging area into {@code root} (recovering an interrupted pivot first).
     *
     * @throws PivotException when nothing is sealed, the layout cannot be pivoted (other file system), or the plan
     *                        is impossible; the tree is unchanged then
     */
    public PivotResult apply(Path root) throws IOException {
        Path tree = root.toAbsolutePath().normalize();
        recover(tree);
        StagingArea staging = StagingArea.open(stateDir);
        String version = staging.sealedVersion()
                .orElseThrow(() -> new PivotException("nothing sealed in the staging area " + staging.directory()));
        if (version.equals(appliedVersion().orElse(null))) {
            staging.discard();
            return new PivotResult(PivotResult.Outcome.SKIPPED_SAME_VERSION, version, 0, 0);
        }
        if (!Files.isDirectory(tree)) {
            throw new PivotException("the tree to pivot is not a directory: " + tree);
        }
        if (!Files.getFileStore(tree).equals(Files.getFileStore(staging.filesRoot()))) {
            throw new PivotException("the staging area and the tree are on different file systems; a pivot needs renames");
        }
        List<Op> ops = PivotPlanner.plan(tree, staging.filesRoot(), staging.deletions());
        journal.writePlan(version, ops);
        steps.afterStep("plan");

        Set<Path> touched = new LinkedHashSet<>();
        int placed = 0;
        int deleted = 0;
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            Path target = tree.resolve(op.path());
            touched.add(target.getParent());
            switch (op.kind()) {
                case DELETE -> {
                    DurableFiles.move(target, journal.backup(i));
                    deleted++;
                }
                case MKDIR -> {
                    Files.createDirectory(target);
                    copyPermissions(staging.filesRoot().resolve(op.path()), target);
                }
                case PUT -> {
                    Path staged = staging.filesRoot().resolve(op.path());
                    if (op.existed()) {
                        DurableFiles.move(target, journal.backup(i));
                    }
                    touched.add(staged.getParent());
                    DurableFiles.move(staged, target);
                    placed++;
                }
            }
            steps.afterStep("op " + i);
        }
        touched.add(journal.backupDirectory());
        for (Path dir : touched) {
            DurableFiles.syncDirectory(dir);
        }
        journal.markCommitted();
        steps.afterStep("commit");
        finish(version, staging);
        return new PivotResult(PivotResult.Outcome.APPLIED, version, placed, deleted);
    }

    /**
     * Brings the tree out of an interrupted pivot: back to the old tree when it had not committed, forward to the
     * new one when it had. Safe to run again if it is itself interrupted.
     */
    public RecoveryResult recover(Path root) throws IOException {
        if (!journal.hasPlan()) {
            return RecoveryResult.NOTHING_TO_DO;
        }
        Path tree = root.toAbsolutePath().normalize();
        Journal.Plan plan = journal.readPlan();
        StagingArea staging = StagingArea.open(stateDir);
        if (journal.committed()) {
            finish(plan.version(), staging);
            return RecoveryResult.ROLLED_FORWARD;
        }
        rollBack(tree, plan.ops(), staging.filesRoot());
        journal.remove();
        steps.afterStep("rolled back");
        return RecoveryResult.ROLLED_BACK;
    }

    private void rollBack(Path tree, List<Op> ops, Path stagedFiles) throws IOException {
        Set<Path> touched = new LinkedHashSet<>();
        List<String> deletedPaths = new ArrayList<>();
        List<Integer> deleteSteps = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            if (ops.get(i).kind() == Op.Kind.DELETE) {
                deletedPaths.add(ops.get(i).path());
                deleteSteps.add(i);
            }
        }
        for (int i = ops.size() - 1; i >= 0; i--) {
            Op op = ops.get(i);
            Path target = tree.resolve(op.path());
            touched.add(target.getParent());
            switch (op.kind()) {
                case PUT -> {
                    Path staged = stagedFiles.resolve(op.path());
                    Path backup = journal.backup(i);
                    // New content goes back into staging (so the pivot can be retried); only what this pivot put
                    // there is moved: with a backup, or where nothing existed and the staged file is gone.
                    boolean newContentInPlace = op.existed() ? DurableFiles.exists(backup) && DurableFiles.exists(target)
                            : DurableFiles.exists(target) && !DurableFiles.exists(staged);
                    if (newContentInPlace) {
                        Files.createDirectories(staged.getParent());
                        DurableFiles.move(target, staged);
                        touched.add(staged.getParent());
                    }
                    if (op.existed() && DurableFiles.exists(backup)) {
                        DurableFiles.move(backup, target);
                    }
                }
                case MKDIR -> {
                    if (!op.existed() || deleteHasRun(op.path(), deletedPaths, deleteSteps)) {
                        DurableFiles.deleteIfEmptyDirectory(target);
                    }
                }
                case DELETE -> {
                    if (DurableFiles.exists(journal.backup(i))) {
                        DurableFiles.move(journal.backup(i), target);
                    }
                }
            }
            steps.afterStep("undo " + i);
        }
        for (Path dir : touched) {
            DurableFiles.syncDirectory(dir);
        }
    }

    /** Whether the deletion that made room for a directory has happened (so the directory there is ours). */
    private boolean deleteHasRun(String dir, List<String> deletedPaths, List<Integer> deleteSteps) {
        for (int j = 0; j < deletedPaths.size(); j++) {
            String d = deletedPaths.get(j);
            if (dir.equals(d) || dir.startsWith(d + "/")) {
                return DurableFiles.exists(journal.backup(deleteSteps.get(j)));
            }
        }
        return false;
    }

    private void finish(String version, StagingArea staging) throws IOException {
        Path applied = stateDir.resolve("applied-version");
        DurableFiles.writeAtomically(applied, version.getBytes(StandardCharsets.UTF_8));
        steps.afterStep("applied-version");
        DurableFiles.deleteTree(journal.backupDirectory());
        steps.afterStep("backups removed");
        staging.discard();
        steps.afterStep("staging discarded");
        journal.remove();
    }

    private static void copyPermissions(Path from, Path to) {
        try {
            Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(from, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException | UnsupportedOperationException e) {
            // The directory keeps the default permissions; its content is what the pivot guarantees.
        }
    }
}
