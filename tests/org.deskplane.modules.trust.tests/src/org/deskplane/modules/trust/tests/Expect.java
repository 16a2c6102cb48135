package org.deskplane.modules.trust.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.deskplane.modules.api.ModuleException;
import org.deskplane.modules.api.ModuleStatus;
import org.junit.jupiter.api.function.Executable;

/** Assertions on the ModuleException a refused request throws: its status and what its message names. */
final class Expect {

    private Expect() {
    }

    static ModuleException refused(ModuleStatus status, Executable call, String... mentioned) {
        ModuleException e = assertThrows(ModuleException.class, call);
        assertEquals(status, e.status(), () -> "status of: " + e.getMessage());
        for (String text : mentioned) {
            assertTrue(e.getMessage().contains(text), () -> "message should mention '" + text + "': " + e.getMessage());
        }
        return e;
    }

    /** For damage where more than one status is right; never anything but a ModuleException. */
    static ModuleException refusedAsOneOf(Set<ModuleStatus> statuses, Executable call) {
        ModuleException e = assertThrows(ModuleException.class, call);
        assertTrue(statuses.contains(e.status()), () -> "status " + e.status() + " not in " + statuses + ": "
                + e.getMessage());
        return e;
    }
}
