package org.deskplane.qga.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.deskplane.qga.api.GuestAgentCommandNotFoundException;
import org.deskplane.qga.api.GuestAgentErrorException;
import org.deskplane.qga.api.GuestAgentProtocolException;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class QgaCodecTest {
    private final QgaCodec codec = new QgaCodec(4096);

    @Test
    void commandsAreJsonTreesSoQuotesInArgumentsStayArguments() throws Exception {
        String command = codec.command("guest-file-open", QgaCodec.arguments().put("path", "/tmp/a\"b\n").put("mode", "r"));
        JsonNode parsed = codec.parse("test", command);
        assertEquals("guest-file-open", parsed.get("execute").asText());
        assertEquals("/tmp/a\"b\n", parsed.get("arguments").get("path").asText());
        assertTrue(!command.contains("\n"), "one command is one line: " + command);
    }

    @Test
    void commandWithoutArgumentsHasNoArgumentsMember() throws Exception {
        assertEquals("{\"execute\":\"guest-ping\"}", codec.command("guest-ping", null));
    }

    @Test
    void returnValueIsHandedBack() throws Exception {
        assertEquals(1000, codec.parseResponse("guest-file-open", "{\"return\": 1000}").asLong());
        assertTrue(codec.parseResponse("guest-ping", "{\"return\": {}}").isEmpty());
    }

    @Test
    void genericErrorBecomesAnErrorExceptionWithClassAndDescription() {
        GuestAgentErrorException e = assertThrows(GuestAgentErrorException.class, () -> codec.parseResponse("guest-file-open",
                "{\"error\": {\"class\": \"GenericError\", \"desc\": \"failed to open file '/x'\"}}"));
        assertEquals("GenericError", e.errorClass());
        assertEquals("failed to open file '/x'", e.description());
        assertEquals("guest-file-open", e.command());
        assertTrue(e.getMessage().contains("guest-file-open") && e.getMessage().contains("/x"), e.getMessage());
    }

    @Test
    void unknownAndDisabledCommandsHaveTheirOwnException() {
        assertThrows(GuestAgentCommandNotFoundException.class, () -> codec.parseResponse("guest-nope",
                "{\"error\": {\"class\": \"CommandNotFound\", \"desc\": \"The command guest-nope has not been found\"}}"));
        assertThrows(GuestAgentCommandNotFoundException.class, () -> codec.parseResponse("guest-exec",
                "{\"error\": {\"class\": \"CommandDisabled\", \"desc\": \"disabled\"}}"));
    }

    @Test
    void malformedJsonIsAProtocolError() {
        GuestAgentProtocolException e = assertThrows(GuestAgentProtocolException.class,
                () -> codec.parseResponse("guest-ping", "{\"return\": {}"));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        assertThrows(GuestAgentProtocolException.class, () -> codec.parseResponse("guest-ping", "\u0001\u0002garbage"));
        assertThrows(GuestAgentProtocolException.class, () -> codec.parseResponse("guest-ping", ""));
    }

    @Test
    void trailingDataAfterTheObjectIsAProtocolError() {
        assertThrows(GuestAgentProtocolException.class, () -> codec.parseResponse("guest-ping", "{\"return\": {}} {\"return\": 1}"));
    }

    @Test
    void aResponseThatIsNotAnObjectOrHasNeitherMemberIsAProtocolError() {
        assertThrows(GuestAgentProtocolException.class, () -> codec.parseResponse("guest-ping", "[1, 2]"));
        assertThrows(GuestAgentProtocolException.class, () -> codec.parseResponse("guest-ping", "42"));
        assertThrows(GuestAgentProtocolException.class, () -> codec.parseResponse("guest-ping", "{\"something\": 1}"));
        assertThrows(GuestAgentProtocolException.class,
                () -> codec.parseResponse("guest-ping", "{\"return\": 1, \"error\": {\"class\": \"GenericError\"}}"));
        assertThrows(GuestAgentProtocolException.class, () -> codec.parseResponse("guest-ping", "{\"error\": {\"desc\": \"no class\"}}"));
    }

    @Test
    void deepNestingIsRefusedBeforeItCostsStack() {
        String deep = "{\"return\": " + "[".repeat(200) + "]".repeat(200) + "}";
        GuestAgentProtocolException e = assertThrows(GuestAgentProtocolException.class, () -> codec.parseResponse("guest-info", deep));
        assertTrue(e.getMessage().toLowerCase().contains("depth") || e.getMessage().toLowerCase().contains("nesting"), e.getMessage());
    }

    @Test
    void responsesOverTheSizeLimitAreRefused() {
        String big = "{\"return\": \"" + "a".repeat(5000) + "\"}";
        GuestAgentProtocolException e = assertThrows(GuestAgentProtocolException.class, () -> codec.parseResponse("guest-info", big));
        assertTrue(e.getMessage().contains("larger than 4096"), e.getMessage());
    }

    @Test
    void base64FieldsAreDecodedAndBadBase64IsAProtocolError() throws Exception {
        JsonNode status = codec.parse("t", "{\"out-data\": \"aGVsbG8K\", \"err-data\": \"!!notbase64!!\"}");
        assertArrayEquals("hello\n".getBytes(StandardCharsets.UTF_8), QgaCodec.base64Field("t", status, "out-data"));
        assertArrayEquals(new byte[0], QgaCodec.base64Field("t", status, "absent"));
        assertThrows(GuestAgentProtocolException.class, () -> QgaCodec.base64Field("t", status, "err-data"));
        assertEquals("aGVs", QgaCodec.base64("hello".getBytes(StandardCharsets.UTF_8), 0, 3));
    }

    @Test
    void missingOrMistypedFieldsAreProtocolErrors() throws Exception {
        JsonNode node = codec.parse("t", "{\"pid\": \"12\", \"count\": 1.5}");
        assertThrows(GuestAgentProtocolException.class, () -> QgaCodec.longField("guest-exec", node, "pid"));
        assertThrows(GuestAgentProtocolException.class, () -> QgaCodec.longField("guest-file-write", node, "count"));
        assertThrows(GuestAgentProtocolException.class, () -> QgaCodec.longField("guest-exec", node, "absent"));
        assertThrows(GuestAgentProtocolException.class, () -> QgaCodec.textField("guest-info", node, "version"));
    }

    @Test
    void previewsOfBadBytesArePrintableAndShort() {
        String preview = QgaCodec.preview("\u0000\u0007x".repeat(100));
        assertTrue(preview.length() < 130, preview);
        assertTrue(preview.chars().noneMatch(c -> c < 0x20), preview);
    }
}
