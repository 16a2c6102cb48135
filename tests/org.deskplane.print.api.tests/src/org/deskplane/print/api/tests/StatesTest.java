package org.deskplane.print.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.deskplane.print.api.PrintException;
import org.deskplane.print.api.PrintJobState;
import org.deskplane.print.routing.SpoolState;
import org.junit.jupiter.api.Test;

/** Which states end a job and which failures are worth another try: a spool's decisions rest on these. */
class StatesTest {

    @Test
    void aDriverJobEndsWhenCompletedAbortedOrCancelled() {
        Set<PrintJobState> terminal = Arrays.stream(PrintJobState.values()).filter(PrintJobState::isTerminal)
                .collect(Collectors.toSet());

        assertEquals(EnumSet.of(PrintJobState.COMPLETED, PrintJobState.ABORTED, PrintJobState.CANCELLED), terminal);
    }

    @Test
    void aSpooledJobEndsWhenCompletedAbortedCancelledOrDenied() {
        Set<SpoolState> terminal = Arrays.stream(SpoolState.values()).filter(SpoolState::isTerminal)
                .collect(Collectors.toSet());

        assertEquals(EnumSet.of(SpoolState.COMPLETED, SpoolState.ABORTED, SpoolState.CANCELLED, SpoolState.DENIED),
                terminal);
    }

    @Test
    void onlyAnUnreachableBackendOrFullStorageIsWorthARetry() {
        Set<PrintException.Kind> retryable = Arrays.stream(PrintException.Kind.values())
                .filter(PrintException.Kind::retryable).collect(Collectors.toSet());

        assertEquals(EnumSet.of(PrintException.Kind.UNAVAILABLE, PrintException.Kind.STORAGE), retryable);
    }
}
