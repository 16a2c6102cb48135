package org.deskplane.delivery.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.deskplane.delivery.api.ManifestException;
import org.deskplane.delivery.api.PayloadFile;
import org.deskplane.delivery.api.PayloadManifest;
import org.deskplane.delivery.api.Step;
import org.junit.jupiter.api.Test;

class PayloadManifestTest {
    private static final String SHA = "ab".repeat(32);

    private static PayloadManifest parse(String text) throws ManifestException {
        return PayloadManifest.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsEveryKeyInOrderAndFormatsBackToAnEqualManifest() throws Exception {
        PayloadManifest m = parse("""
                # a comment
                id = office-patch
                version = 2026.11.1
                description = Security fixes
                timeout = 90
                reboot = yes
                copy = conf/app.conf => /etc/app/app.conf
                run = install.sh --quiet  now
                file = %s 12 install.sh
                file = %s 3 conf/app.conf
                """.formatted(SHA, SHA));
        assertEquals("office-patch", m.id());
        assertEquals("2026.11.1", m.version());
        assertEquals(Duration.ofSeconds(90), m.timeout());
        assertTrue(m.rebootRequired());
        assertEquals(List.of(Step.copy("conf/app.conf", "/etc/app/app.conf"), Step.run("install.sh", List.of("--quiet", "now"))),
                m.steps());
        assertEquals(new PayloadFile("conf/app.conf", 3, SHA), m.file("conf/app.conf"));
        assertEquals(15, m.totalSize());
        assertEquals(m, PayloadManifest.parse(m.toBytes()));
    }

    @Test
    void defaultsAreTenMinutesAndNoReboot() throws Exception {
        PayloadManifest m = parse("id = a\nversion = 1\n");
        assertEquals(PayloadManifest.DEFAULT_TIMEOUT, m.timeout());
        assertFalse(m.rebootRequired());
        assertTrue(m.steps().isEmpty());
    }

    @Test
    void filePathsWithSpacesAndUnicodeSurviveTheRoundTrip() throws Exception {
        PayloadManifest m = new PayloadManifest("p", "1", "", List.of(new PayloadFile("Grüße/a b.txt", 1, SHA)),
                List.of(), false, null);
        assertEquals(m, PayloadManifest.parse(m.toBytes()));
    }

    @Test
    void badManifestsNameTheLineAndWhatIsWrong() {
        assertMessage("id = a\nversion = 1\nbogus = x\n", "line 3: unknown key 'bogus'");
        assertMessage("id = a\nversion = 1\njust text\n", "line 3: expected 'key = value'");
        assertMessage("id = a\nversion = 1\ntimeout = soon\n", "line 3");
        assertMessage("id = a\nversion = 1\nreboot = maybe\n", "expected true or false");
        assertMessage("id = a\nversion = 1\ncopy = a.txt\n", "copy needs 'source => /guest/target'");
        assertMessage("id = a\nversion = 1\ncopy = a.txt => relative/x\n", "absolute guest path");
        assertMessage("id = a\nversion = 1\nfile = nothex 1 a\n", "not a SHA-256");
        assertMessage("version = 1\n", "id must be");
        assertMessage("id = ../x\nversion = 1\n", "id must be");
        assertMessage("id = a\nversion = 1\ntimeout = 0\n", "timeout must be positive");
        assertMessage("id = a\nversion = 1\nfile = %s 1 a\nfile = %s 1 a\n".formatted(SHA, SHA), "file listed twice");
        assertMessage("id = a\nversion = 1\nfile = %s 1 a\nrun = missing.sh\n".formatted(SHA), "names a file the payload does not have");
    }

    @Test
    void pathsThatEscapeThePayloadAreRefused() {
        for (String path : List.of("/etc/passwd", "../x", "a/../../x", "a//b", "./a", "a\\b", "a\u0000b", "")) {
            assertThrows(IllegalArgumentException.class, () -> PayloadManifest.checkRelative(path), path);
        }
        assertEquals("a/b c/ü.txt", PayloadManifest.checkRelative("a/b c/ü.txt"));
        assertMessage("id = a\nversion = 1\nfile = %s 1 ../../etc/shadow\n".formatted(SHA), "'..' segment");
    }

    @Test
    void theParserIsBounded() {
        byte[] big = new byte[PayloadManifest.MAX_BYTES + 1];
        java.util.Arrays.fill(big, (byte) '#');
        ManifestException tooBig = assertThrows(ManifestException.class,
                () -> PayloadManifest.parse(new ByteArrayInputStream(big)));
        assertTrue(tooBig.getMessage().contains("larger than"), tooBig.getMessage());
        assertMessage("id = a\nversion = 1\ndescription = " + "x".repeat(9000) + "\n", "longer than 8192");
        StringBuilder steps = new StringBuilder("id = a\nversion = 1\n");
        for (int i = 0; i <= PayloadManifest.MAX_STEPS; i++) {
            steps.append("run = s.sh\n");
        }
        assertMessage(steps.toString(), "more than");
        assertMessage("id = a\nversion = 1\n\u00ff", "line"); // fine UTF-8 but junk line
        ManifestException notUtf8 = assertThrows(ManifestException.class,
                () -> PayloadManifest.parse(new byte[] { 'i', 'd', '=', (byte) 0xc3, (byte) 0x28 }));
        assertEquals("manifest is not UTF-8", notUtf8.getMessage());
    }

    private static void assertMessage(String text, String expected) {
        ManifestException e = assertThrows(ManifestException.class, () -> parse(text), text);
        assertTrue(e.getMessage().contains(expected), "'" + e.getMessage() + "' should contain '" + expected + "'");
    }
}
