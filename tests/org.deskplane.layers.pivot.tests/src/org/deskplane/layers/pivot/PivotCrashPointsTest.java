package org.deskplane.layers.pivot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.deskplane.layers.pivot.PivotTest.SimulatedCrash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash after every single durable step of a pivot — and, for each uncommitted one, after every step of its
 * recovery too: the tree is always the old or the new one, and an old tree still pivots to the new one.
 */
class PivotCrashPointsTest {

    @TempDir
    Path base;

    @Test
    void crashAtEveryStepLeavesOldOrNewTree() throws IOException {
        Path old = base.resolve("old"), neu = base.resolve("new");
        Trees.generate(old, neu, 4, 6, 7);
        String oldHash = Trees.hash(old);
        String newHash = Trees.hash(neu);

        List<String> allSteps = new ArrayList<>();
        Path root0 = fresh(old, neu, "count");
        Pivot counting = new Pivot(base.resolve("count/state"));
        counting.onStep(allSteps::add);
        counting.apply(root0);
        assertEquals(newHash, Trees.hash(root0));
        assertTrue(allSteps.size() > 30, "enough steps to be meaningful: " + allSteps.size());

        int rolledBack = 0, rolledForward = 0;
        for (int k = 0; k < allSteps.size(); k++) {
            String name = "crash" + k;
            Path root = fresh(old, neu, name);
            Path state = base.resolve(name + "/state");
            Pivot crashing = new Pivot(state);
            crashing.onStep(crashAt(allSteps.get(k)));
            assertThrows(SimulatedCrash.class, () -> crashing.apply(root));

            RecoveryResult r = new Pivot(state).recover(root);
            String after = Trees.hash(root);
            assertTrue(Set.of(oldHash, newHash).contains(after), "mixed tree after crash at " + allSteps.get(k));
            if (after.equals(oldHash)) {
                rolledBack++;
                assertEquals(RecoveryResult.ROLLED_BACK, r);
                new Pivot(state).apply(root);
                assertEquals(newHash, Trees.hash(root), "retry after rollback at " + allSteps.get(k));
            } else {
                rolledForward++;
            }
        }
        assertTrue(rolledBack > 0 && rolledForward > 0, rolledBack + " / " + rolledForward);
    }

    @Test
    void crashDuringRecoveryIsRecoveredAgain() throws IOException {
        Path old = base.resolve("old"), neu = base.resolve("new");
        Trees.generate(old, neu, 4, 6, 8);
        String oldHash = Trees.hash(old);
        String newHash = Trees.hash(neu);
        for (int undo = 0; undo < 40; undo += 3) {
            String name = "r" + undo;
            Path root = fresh(old, neu, name);
            Path state = base.resolve(name + "/state");
            Pivot crashing = new Pivot(state);
            crashing.onStep(crashAt("op 10"));
            assertThrows(SimulatedCrash.class, () -> crashing.apply(root));
            Pivot crashingRecovery = new Pivot(state);
            crashingRecovery.onStep(crashAt("undo " + undo));
            try {
                crashingRecovery.recover(root);
            } catch (SimulatedCrash expected) {
                // interrupted recovery: recovered again below
            }
            new Pivot(state).recover(root);
            assertEquals(oldHash, Trees.hash(root), "after an interrupted recovery at undo " + undo);
            new Pivot(state).apply(root);
            assertEquals(newHash, Trees.hash(root));
        }
    }

    private Path fresh(Path old, Path neu, String name) throws IOException {
        Path root = base.resolve(name + "/root");
        Trees.copy(old, root);
        Trees.stageDifference(old, neu, base.resolve(name + "/state"), "v2");
        return root;
    }

    private static Pivot.StepListener crashAt(String step) {
        return s -> {
            if (s.equals(step)) {
                throw new SimulatedCrash();
            }
        };
    }
}
