package org.deskplane.qga.hypervisor.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.deskplane.hypervisor.api.HypervisorException;
import org.deskplane.hypervisor.api.HypervisorException.Kind;
import org.deskplane.qga.api.GuestAgentConnectionException;
import org.deskplane.qga.api.GuestAgentException;
import org.deskplane.qga.api.GuestAgentProtocolException;
import org.deskplane.qga.api.GuestAgentTimeoutException;
import org.junit.jupiter.api.Test;

class HypervisorQgaTransportTest {

    private static final String UUID = "6f1c2d3e-0000-4000-8000-00000000abcd";
    private static final String PING = "{\"execute\":\"guest-ping\"}";
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final int MAX = 4096;

    private static HypervisorQgaTransport transport(FakeConnection fake) {
        return new HypervisorQgaTransport(fake.connection, UUID);
    }

    private static FakeConnection failingWith(Kind kind, String message) {
        return new FakeConnection("host-a", (uuid, command, timeout) -> {
            throw new HypervisorException(kind, message);
        });
    }

    @Test
    void theHypervisorsAnswerPassesThroughWithTheCommandVmAndTimeout() throws GuestAgentException {
        FakeConnection fake = new FakeConnection("host-a", (uuid, command, timeout) -> "{\"return\":{}}");
        assertEquals("{\"return\":{}}", transport(fake).execute(PING, TIMEOUT, MAX));
        assertEquals(List.of(new FakeConnection.Call(UUID, PING, TIMEOUT)), fake.calls);
    }

    @Test
    void aHypervisorTimeoutIsAGuestAgentTimeout() {
        HypervisorQgaTransport transport = transport(failingWith(Kind.TIMEOUT, "agent did not answer"));
        GuestAgentTimeoutException e = assertThrows(GuestAgentTimeoutException.class,
                () -> transport.execute(PING, TIMEOUT, MAX));
        assertTrue(e.getMessage().contains(UUID), e.getMessage());
        assertTrue(e.getMessage().contains("agent did not answer"), e.getMessage());
    }

    @Test
    void everyOtherHypervisorFailureIsAConnectionFailureCarryingItsMessage() {
        for (Kind kind : Kind.values()) {
            if (kind == Kind.TIMEOUT) {
                continue;
            }
            HypervisorQgaTransport transport = transport(failingWith(kind, "failure of kind " + kind));
            GuestAgentConnectionException e = assertThrows(GuestAgentConnectionException.class,
                    () -> transport.execute(PING, TIMEOUT, MAX), kind.name());
            assertTrue(e.getMessage().contains("failure of kind " + kind), e.getMessage());
            assertTrue(e.getMessage().contains(UUID), e.getMessage());
            assertTrue(e.getCause() instanceof HypervisorException cause && cause.kind() == kind, kind.name());
        }
    }

    @Test
    void anAnswerLongerThanTheBoundIsAProtocolError() throws GuestAgentException {
        String atTheLimit = "{\"return\":\"" + "x".repeat(MAX - 13) + "\"}";
        assertEquals(MAX, atTheLimit.length());
        String tooLong = "{\"return\":\"" + "x".repeat(MAX - 12) + "\"}";
        FakeConnection fake = new FakeConnection("host-a",
                (uuid, command, timeout) -> command.equals("long") ? tooLong : atTheLimit);
        HypervisorQgaTransport transport = transport(fake);

        assertSame(atTheLimit, transport.execute("fits", TIMEOUT, MAX));
        GuestAgentProtocolException e = assertThrows(GuestAgentProtocolException.class,
                () -> transport.execute("long", TIMEOUT, MAX));
        assertTrue(e.getMessage().contains(String.valueOf(MAX)), e.getMessage());
    }

    @Test
    void noAnswerIsAProtocolError() {
        HypervisorQgaTransport transport = transport(new FakeConnection("host-a", (uuid, command, timeout) -> null));
        GuestAgentProtocolException e = assertThrows(GuestAgentProtocolException.class,
                () -> transport.execute(PING, TIMEOUT, MAX));
        assertTrue(e.getMessage().contains(UUID), e.getMessage());
    }

    @Test
    void afterCloseCallsFailWithoutReachingTheHypervisor() {
        FakeConnection fake = new FakeConnection("host-a", (uuid, command, timeout) -> "{\"return\":{}}");
        HypervisorQgaTransport transport = transport(fake);
        transport.close();
        GuestAgentConnectionException e = assertThrows(GuestAgentConnectionException.class,
                () -> transport.execute(PING, TIMEOUT, MAX));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertEquals(List.of(), fake.calls);
    }

    @Test
    void describeNamesTheVmAndTheConnection() {
        String description = transport(new FakeConnection("host-a", (uuid, command, timeout) -> null)).describe();
        assertTrue(description.contains(UUID), description);
        assertTrue(description.contains("'host-a'"), description);
    }
}
