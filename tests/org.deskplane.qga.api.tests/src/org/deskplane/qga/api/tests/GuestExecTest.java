package org.deskplane.qga.api.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.deskplane.qga.api.GuestExecRequest;
import org.deskplane.qga.api.GuestExecResult;
import org.junit.jupiter.api.Test;

class GuestExecTest {

    @Test
    void ofUsesTheDefaults() {
        GuestExecRequest request = GuestExecRequest.of("/bin/uname", "-a");
        assertEquals("/bin/uname", request.path());
        assertEquals(List.of("-a"), request.args());
        assertEquals(List.of(), request.env());
        assertNull(request.input());
        assertEquals(Duration.ofSeconds(60), request.timeout());
        assertEquals(Duration.ofSeconds(60), GuestExecRequest.DEFAULT_TIMEOUT);
        assertEquals(1 << 20, request.maxOutputBytes());
        assertEquals(1 << 20, GuestExecRequest.DEFAULT_MAX_OUTPUT_BYTES);
    }

    @Test
    void requestIsValidated() {
        assertEquals("path", assertThrows(NullPointerException.class, () -> GuestExecRequest.of(null)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> GuestExecRequest.of("  "));
        GuestExecRequest ok = GuestExecRequest.of("/bin/true");
        assertThrows(IllegalArgumentException.class, () -> ok.withTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> ok.withTimeout(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> ok.withTimeout(null));
        assertThrows(IllegalArgumentException.class, () -> ok.withMaxOutputBytes(-1));
        assertEquals(0, ok.withMaxOutputBytes(0).maxOutputBytes());
    }

    @Test
    void withersKeepTheRest() {
        byte[] input = "hello".getBytes(StandardCharsets.UTF_8);
        GuestExecRequest request = GuestExecRequest.of("/bin/cat").withEnv(List.of("LANG=C")).withInput(input)
                .withTimeout(Duration.ofSeconds(5)).withMaxOutputBytes(100);
        assertEquals("/bin/cat", request.path());
        assertEquals(List.of("LANG=C"), request.env());
        assertArrayEquals(input, request.input());
        assertEquals(Duration.ofSeconds(5), request.timeout());
        assertEquals(100, request.maxOutputBytes());
    }

    @Test
    void requestInputCannotBeChangedFromOutside() {
        byte[] input = {1, 2, 3};
        GuestExecRequest request = GuestExecRequest.of("/bin/cat").withInput(input);
        input[0] = 9;
        request.input()[1] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, request.input());
    }

    @Test
    void requestsWithEqualInputAreEqual() {
        GuestExecRequest a = GuestExecRequest.of("/bin/cat").withInput(new byte[] {1, 2});
        GuestExecRequest b = GuestExecRequest.of("/bin/cat").withInput(new byte[] {1, 2});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, GuestExecRequest.of("/bin/cat").withInput(new byte[] {1, 3}));
    }

    @Test
    void resultHoldsExitCodeAndOutputs() {
        GuestExecResult result = new GuestExecResult(1234, 2, 0, "Linux desk-01\n".getBytes(StandardCharsets.UTF_8),
                "uname: warning ✓\n".getBytes(StandardCharsets.UTF_8), false, true);
        assertEquals(1234, result.pid());
        assertEquals(2, result.exitCode());
        assertEquals(0, result.signal());
        assertEquals("Linux desk-01\n", result.stdoutText());
        assertEquals("uname: warning ✓\n", result.stderrText());
        assertFalse(result.stdoutTruncated());
        assertTrue(result.stderrTruncated());
    }

    @Test
    void killedProgramHasExitCodeMinusOneAndItsSignal() {
        GuestExecResult killed = new GuestExecResult(77, -1, 9, new byte[0], new byte[0], false, false);
        assertEquals(-1, killed.exitCode());
        assertEquals(9, killed.signal());
        assertEquals("", killed.stdoutText());
    }

    @Test
    void resultOutputsCannotBeChangedFromOutside() {
        byte[] out = {'o', 'k'};
        GuestExecResult result = new GuestExecResult(1, 0, 0, out, new byte[] {'e'}, false, false);
        out[0] = 'X';
        result.stdout()[1] = 'X';
        result.stderr()[0] = 'X';
        assertEquals("ok", result.stdoutText());
        assertEquals("e", result.stderrText());
    }

    @Test
    void resultsCompareByContent() {
        GuestExecResult a = new GuestExecResult(1, 0, 0, new byte[] {1}, new byte[] {2}, false, false);
        assertEquals(a, new GuestExecResult(1, 0, 0, new byte[] {1}, new byte[] {2}, false, false));
        assertEquals(a.hashCode(), new GuestExecResult(1, 0, 0, new byte[] {1}, new byte[] {2}, false, false).hashCode());
        assertNotEquals(a, new GuestExecResult(1, 1, 0, new byte[] {1}, new byte[] {2}, false, false));
        assertNotEquals(a, new GuestExecResult(1, 0, 0, new byte[] {1}, new byte[] {3}, false, false));
        assertTrue(a.toString().contains("exit 0"), a.toString());
    }
}
