package org.deskplane.qga.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import org.deskplane.qga.api.GuestAgentClient;
import org.deskplane.qga.api.GuestAgentConnectionException;
import org.deskplane.qga.api.GuestAgentException;
import org.deskplane.qga.api.GuestAgentOptions;
import org.deskplane.qga.api.GuestAgentProtocolException;
import org.deskplane.qga.api.GuestAgentTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad agents: each case must end in a clear exception of the right kind, never a hang. The preemptive
 * timeouts are generous guards against hanging, not timing assertions.
 */
class FakeAgentTest {
    private static final GuestAgentOptions OPTIONS = new GuestAgentOptions(Duration.ofMillis(500), 4096, 1024);
    private static final Duration NO_HANG = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private GuestAgentClient open(FakeAgent agent) throws GuestAgentException {
        return QgaClient.open(UnixSocketQgaTransport.connect(agent.socket(), OPTIONS.maxResponseBytes()), OPTIONS);
    }

    @Test
    void endlessGarbageInsteadOfASyncAnswerIsAProtocolError() throws Exception {
        try (FakeAgent agent = new FakeAgent(dir, (in, out) -> {
            byte[] garbage = "\u0001not qga at all {{{ ]]] \n".getBytes(StandardCharsets.UTF_8);
            while (true) {
                out.write(garbage);
            }
        })) {
            GuestAgentProtocolException e = assertTimeoutPreemptively(NO_HANG,
                    () -> assertThrows(GuestAgentProtocolException.class, () -> open(agent)));
            assertTrue(e.getMessage().contains("not an answer to guest-sync-delimited"), e.getMessage());
        }
    }

    @Test
    void garbageAfterTheSyncMarkerIsAProtocolError() throws Exception {
        try (FakeAgent agent = new FakeAgent(dir, (in, out) -> {
            FakeAgent.readCommand(in);
            out.write(0xFF);
            FakeAgent.write(out, "this is not json\n");
            FakeAgent.readCommand(in);
        })) {
            GuestAgentProtocolException e = assertTimeoutPreemptively(NO_HANG,
                    () -> assertThrows(GuestAgentProtocolException.class, () -> open(agent)));
            assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        }
    }

    @Test
    void garbageAnswerToACommandIsAProtocolErrorAndTheNextCallResynchronises() throws Exception {
        try (FakeAgent agent = new FakeAgent(dir, (in, out) -> {
            FakeAgent.answerSync(in, out);
            FakeAgent.readCommand(in);
            FakeAgent.write(out, "\u0007\u0000garbage\n");
            FakeAgent.answerSync(in, out);
            FakeAgent.readCommand(in);
            FakeAgent.write(out, "{\"return\": {}}\n");
            FakeAgent.readCommand(in);
        }); GuestAgentClient client = open(agent)) {
            assertTimeoutPreemptively(NO_HANG, () -> {
                assertThrows(GuestAgentProtocolException.class, client::ping);
                client.ping();
            });
        }
    }

    @Test
    void anAnswerThatNeverEndsIsCutAtTheResponseLimit() throws Exception {
        try (FakeAgent agent = new FakeAgent(dir, (in, out) -> {
            FakeAgent.answerSync(in, out);
            FakeAgent.readCommand(in);
            FakeAgent.write(out, "{\"return\": {\"version\": \"");
            byte[] endless = new byte[1024];
            Arrays.fill(endless, (byte) 'a');
            while (true) {
                out.write(endless);
            }
        }); GuestAgentClient client = open(agent)) {
            GuestAgentProtocolException e = assertTimeoutPreemptively(NO_HANG,
                    () -> assertThrows(GuestAgentProtocolException.class, client::info));
            assertTrue(e.getMessage().contains("more than 4096 bytes"), e.getMessage());
        }
    }

    @Test
    void aSilentAgentIsATimeout() throws Exception {
        try (FakeAgent agent = new FakeAgent(dir, (in, out) -> {
            while (FakeAgent.readCommand(in) != null) {
                // read everything, answer nothing
            }
        })) {
            GuestAgentTimeoutException e = assertTimeoutPreemptively(NO_HANG,
                    () -> assertThrows(GuestAgentTimeoutException.class, () -> open(agent)));
            assertTrue(e.getMessage().contains("did not answer"), e.getMessage());
        }
    }

    @Test
    void aLateAnswerIsNotTakenForTheNextOne() throws Exception {
        try (FakeAgent agent = new FakeAgent(dir, (in, out) -> {
            FakeAgent.answerSync(in, out);
            FakeAgent.readCommand(in); // the first guest-info: answered only after the client gave up
            String resync = FakeAgent.readCommand(in);
            FakeAgent.write(out, "{\"return\": {\"version\": \"stale\", \"supported_commands\": []}}\n");
            FakeAgent.answerSync(resync, out);
            FakeAgent.readCommand(in);
            FakeAgent.write(out, "{\"return\": {\"version\": \"fresh\", \"supported_commands\": "
                    + "[{\"name\": \"guest-ping\", \"enabled\": true}, {\"name\": \"guest-exec\", \"enabled\": false}]}}\n");
            FakeAgent.readCommand(in);
        }); GuestAgentClient client = open(agent)) {
            assertTimeoutPreemptively(NO_HANG, () -> {
                GuestAgentTimeoutException e = assertThrows(GuestAgentTimeoutException.class, client::info);
                assertTrue(e.getMessage().startsWith("guest-info timed out"), e.getMessage());
                var info = client.info();
                assertEquals("fresh", info.version());
                assertTrue(info.supports("guest-ping"));
                assertTrue(!info.supports("guest-exec"), "disabled commands are not offered");
            });
        }
    }

    @Test
    void aDroppedConnectionIsAConnectionError() throws Exception {
        try (FakeAgent agent = new FakeAgent(dir, (in, out) -> {
            FakeAgent.answerSync(in, out);
            FakeAgent.readCommand(in);
            out.close();
        }); GuestAgentClient client = open(agent)) {
            GuestAgentConnectionException e = assertTimeoutPreemptively(NO_HANG,
                    () -> assertThrows(GuestAgentConnectionException.class, client::ping));
            assertTrue(e.getMessage().contains("closed the connection"), e.getMessage());
        }
    }

    @Test
    void noSocketIsAConnectionError() {
        GuestAgentConnectionException e = assertThrows(GuestAgentConnectionException.class,
                () -> UnixSocketQgaTransport.connect(dir.resolve("nobody-here.sock"), 4096));
        assertTrue(e.getMessage().contains("nobody-here.sock"), e.getMessage());
    }

    @Test
    void aClosedClientRefusesCalls() throws Exception {
        try (FakeAgent agent = new FakeAgent(dir, (in, out) -> {
            FakeAgent.answerSync(in, out);
            FakeAgent.readCommand(in);
        })) {
            GuestAgentClient client = open(agent);
            client.close();
            assertThrows(GuestAgentConnectionException.class, client::ping);
        }
    }

}
