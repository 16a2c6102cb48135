package org.deskplane.qga.api.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.deskplane.qga.api.GuestAgentCommandNotFoundException;
import org.deskplane.qga.api.GuestAgentConnectionException;
import org.deskplane.qga.api.GuestAgentErrorException;
import org.deskplane.qga.api.GuestAgentException;
import org.deskplane.qga.api.GuestAgentInfo;
import org.deskplane.qga.api.GuestAgentProtocolException;
import org.deskplane.qga.api.GuestAgentTimeoutException;
import org.deskplane.qga.api.GuestFileChunk;
import org.junit.jupiter.api.Test;

class GuestAgentValuesTest {

    @Test
    void agentErrorNamesCommandClassAndDescription() {
        GuestAgentErrorException e = new GuestAgentErrorException("guest-file-open", "GenericError",
                "failed to open file '/nope': No such file or directory");
        assertEquals("guest-file-open failed in the guest agent (GenericError): failed to open file '/nope': No such file or directory",
                e.getMessage());
        assertEquals("guest-file-open", e.command());
        assertEquals("GenericError", e.errorClass());
        assertEquals("failed to open file '/nope': No such file or directory", e.description());
    }

    @Test
    void unknownCommandIsAnAgentError() {
        GuestAgentException e = new GuestAgentCommandNotFoundException("guest-exec", "CommandNotFound",
                "Command guest-exec has been disabled");
        GuestAgentErrorException error = assertInstanceOf(GuestAgentErrorException.class, e);
        assertEquals("CommandNotFound", error.errorClass());
        assertEquals("guest-exec failed in the guest agent (CommandNotFound): Command guest-exec has been disabled", e.getMessage());
    }

    @Test
    void connectionProtocolAndTimeoutAreDistinctKinds() {
        IOException refused = new IOException("Connection refused");
        GuestAgentException connection = new GuestAgentConnectionException("cannot connect to /run/qga.sock", refused);
        GuestAgentException protocol = new GuestAgentProtocolException("response larger than 4096 bytes");
        GuestAgentException timeout = new GuestAgentTimeoutException("no answer to guest-ping within 10 s");
        assertSame(refused, connection.getCause());
        assertEquals("cannot connect to /run/qga.sock", connection.getMessage());
        assertEquals("response larger than 4096 bytes", protocol.getMessage());
        assertNull(protocol.getCause());
        assertEquals("no answer to guest-ping within 10 s", timeout.getMessage());
        assertFalse(timeout instanceof GuestAgentConnectionException);
        assertFalse(protocol instanceof GuestAgentErrorException);
        assertSame(refused, new GuestAgentProtocolException("bad JSON", refused).getCause());
        assertEquals("closed", new GuestAgentConnectionException("closed").getMessage());
    }

    @Test
    void infoSupportsOnlyEnabledCommands() {
        List<String> commands = new ArrayList<>(List.of("guest-ping", "guest-info", "guest-exec"));
        GuestAgentInfo info = new GuestAgentInfo("7.2.0", commands);
        commands.add("guest-shutdown");
        assertEquals("7.2.0", info.version());
        assertTrue(info.supports("guest-exec"));
        assertFalse(info.supports("guest-shutdown"));
        assertFalse(info.supports("guest-file-open"));
        assertThrows(UnsupportedOperationException.class, () -> info.enabledCommands().add("guest-file-open"));
    }

    @Test
    void fileChunkIsACopy() {
        byte[] data = {1, 2, 3};
        GuestFileChunk chunk = new GuestFileChunk(data, true);
        data[0] = 9;
        chunk.data()[1] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, chunk.data());
        assertEquals(3, chunk.length());
        assertTrue(chunk.eof());
        assertEquals(0, new GuestFileChunk(new byte[0], false).length());
    }
}
