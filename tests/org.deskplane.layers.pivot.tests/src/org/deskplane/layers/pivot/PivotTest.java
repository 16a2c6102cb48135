package org.deskplane.layers.pivot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PivotTest {

    @TempDir
    Path base;

    @Test
    void pivotsTheStagedDifferenceIntoPlace() throws IOException {
        Path old = base.resolve("old"), neu = base.resolve("new"), root = base.resolve("root"), state = base.resolve("state");
        Trees.generate(old, neu, 4, 6, 1);
        Trees.copy(old, root);
        Trees.stageDifference(old, neu, state, "v2");
        PivotResult result = new Pivot(state).apply(root);
        assertTrue(result.applied());
        assertTrue(result.filesPlaced() > 0 && result.pathsDeleted() > 0, result.toString());
        assertEquals(Trees.hash(neu), Trees.hash(root));
        assertEquals(Optional.of("v2"), new Pivot(state).appliedVersion());
        assertFalse(Files.exists(state.resolve("journal")), "journal removed");
        assertEquals(Optional.empty(), StagingArea.open(state).sealedVersion(), "staging emptied");
    }

    @Test
    void sameVersionIsSkippedAndChangesNothing() throws IOException {
        Path old = base.resolve("old"), neu = base.resolve("new"), root = base.resolve("root"), state = base.resolve("state");
        Trees.generate(old, neu, 2, 3, 2);
        Trees.copy(old, root);
        Trees.stageDifference(old, neu, state, "v2");
        new Pivot(state).apply(root);
        Files.writeString(root.resolve("usr/d0/f1"), "edited after the pivot");
        String before = Trees.hash(root);
        Trees.stageDifference(old, neu, state, "v2");
        PivotResult again = new Pivot(state).apply(root);
        assertEquals(PivotResult.Outcome.SKIPPED_SAME_VERSION, again.outcome());
        assertEquals(before, Trees.hash(root));
    }

    @Test
    void stagingAreaIsPrivate() throws IOException {
        StagingArea staging = StagingArea.open(base.resolve("state"));
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(staging.directory()));
    }

    @Test
    void sealedStagingRefusesMoreAndNothingSealedRefusesToPivot() throws IOException {
        Path state = base.resolve("state");
        Files.createDirectories(base.resolve("root"));
        assertThrows(PivotException.class, () -> new Pivot(state).apply(base.resolve("root")));
        StagingArea staging = StagingArea.open(state);
        Files.writeString(staging.stagedFile("a/b"), "x");
        staging.seal("v1");
        assertThrows(IllegalStateException.class, () -> staging.stagedFile("c"));
        assertThrows(IllegalStateException.class, () -> staging.stageDeletion("c"));
        staging.discard();
        assertEquals(Optional.empty(), staging.sealedVersion());
        assertFalse(Files.exists(staging.filesRoot().resolve("a/b")));
    }

    @Test
    void deletionsAreListedOnceSortedAndSurviveReopening() throws IOException {
        StagingArea staging = StagingArea.open(base.resolve("state"));
        staging.stageDeletion("b/x");
        staging.stageDeletion("a");
        staging.stageDeletion("b/x");
        staging.stageDeletion("odd%name\nwith newline");
        staging.seal("v1");
        assertEquals(java.util.List.of("a", "b/x", "odd%name\nwith newline"), StagingArea.open(base.resolve("state")).deletions());
    }

    @Test
    void stagingRefusesPathsOutsideTheTree() throws IOException {
        StagingArea staging = StagingArea.open(base.resolve("state"));
        assertThrows(IllegalArgumentException.class, () -> staging.stagedFile("../escape"));
        assertThrows(IllegalArgumentException.class, () -> staging.stagedFile("/etc/passwd"));
        assertThrows(IllegalArgumentException.class, () -> staging.stageDeletion("a/../../b"));
    }

    @Test
    void neverWritesThroughALinkOfTheOldTree() throws IOException {
        Path root = base.resolve("root"), outside = base.resolve("outside"), state = base.resolve("state");
        Files.createDirectories(root);
        Files.createDirectories(outside);
        Files.createSymbolicLink(root.resolve("etc"), outside);
        StagingArea staging = StagingArea.open(state);
        Files.writeString(staging.stagedFile("etc/passwd"), "new");
        staging.seal("v1");
        new Pivot(state).apply(root);
        assertTrue(Files.isDirectory(root.resolve("etc"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.isSymbolicLink(root.resolve("etc")));
        assertEquals("new", Files.readString(root.resolve("etc/passwd")));
        assertFalse(Files.exists(outside.resolve("passwd")), "nothing written outside the root");
    }

    @Test
    void recoverWithoutInterruptedPivotDoesNothing() throws IOException {
        Files.createDirectories(base.resolve("root"));
        assertEquals(RecoveryResult.NOTHING_TO_DO, new Pivot(base.resolve("state")).recover(base.resolve("root")));
    }

    @Test
    void refusesAPlanThatFailsItsChecksum() throws IOException {
        Path old = base.resolve("old"), neu = base.resolve("new"), root = base.resolve("root"), state = base.resolve("state");
        Trees.generate(old, neu, 1, 2, 3);
        Trees.copy(old, root);
        Trees.stageDifference(old, neu, state, "v2");
        Pivot pivot = new Pivot(state);
        pivot.onStep(step -> {
            if (step.equals("plan")) {
                throw new SimulatedCrash();
            }
        });
        assertThrows(SimulatedCrash.class, () -> pivot.apply(root));
        Path plan = state.resolve("journal/plan");
        byte[] bytes = Files.readAllBytes(plan);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(plan, bytes);
        assertThrows(PivotException.class, () -> new Pivot(state).recover(root));
        assertEquals(Trees.hash(old), Trees.hash(root), "tree untouched");
    }

    /** Stands for the process dying at a step: an Error nobody catches. */
    static final class SimulatedCrash extends Error {
        private static final long serialVersionUID = 1L;
    }
}
