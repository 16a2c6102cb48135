package org.deskplane.vmdiff.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.deskplane.vmdiff.api.Activity;
import org.deskplane.vmdiff.api.BaseImage;
import org.deskplane.vmdiff.api.Generation;
import org.junit.jupiter.api.Test;

/** The API's values: what they accept and what they compute. */
class ValuesTest {

    private static Generation generation(long number, long memory) {
        return new Generation("alice", number, "", "ab", "qcow2", 1 << 30, 65536, 3, "cd", memory, memory > 0 ? "ef" : "",
                "uuid", "12", "host-a", Instant.EPOCH, "99");
    }

    @Test
    void generationsStartAtOneAndKnowWhetherTheyWereSuspended() {
        assertThrows(IllegalArgumentException.class, () -> generation(0, 0));
        assertTrue(generation(1, 4096).hasMemoryState());
        assertFalse(generation(2, 0).hasMemoryState(), "a shut-down VM has no memory state");
    }

    @Test
    void aBaseIsCountedInWholeTransferBlocks() {
        assertEquals(0, new BaseImage("x", "raw", 0).blocks());
        assertEquals(1, new BaseImage("x", "raw", 1).blocks());
        assertEquals(1, new BaseImage("x", "raw", BaseImage.BLOCK).blocks());
        assertEquals(3, new BaseImage("x", "raw", 2L * BaseImage.BLOCK + 1).blocks());
    }

    @Test
    void activityWithoutAMeasureHasNoFraction() {
        assertEquals(-1, new Activity("alice", "suspend", "saving memory", 0, 0).fraction());
        assertEquals(0.25, new Activity("alice", "move", "pulling", 1, 4).fraction());
        assertEquals(1.0, new Activity("alice", "move", "pulling", 9, 4).fraction());
    }
}
