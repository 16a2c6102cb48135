package org.deskplane.client.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.deskplane.client.CertificateTrust;
import org.deskplane.client.ServerConnection;
import org.deskplane.content.api.ContentAccess;
import org.deskplane.content.api.ContentException;
import org.deskplane.content.api.ContentReader;
import org.deskplane.content.api.EntryType;
import org.deskplane.content.api.RequestContext;
import org.deskplane.security.api.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The REST client's ContentAccess against the stand-in server: a file is read by Range, one request per read, and
 * a file that changes while it is read, or one that is not there, ends in the matching ContentException.
 * (The real server is exercised end to end by org.deskplane.content.ui.tests.)
 */
class RemoteContentTest {

    private static final String PASSWORD = "remote-content-password";
    private static final RequestContext ANY = new RequestContext("not-sent", null, null, "desktop");

    private static FakeDeskplaneServer server;
    private static ServerConnection connection;

    @BeforeAll
    static void login() throws Exception {
        server = new FakeDeskplaneServer(PASSWORD);
        connection = ServerConnection.login(server.baseUrl(), CertificateTrust.pinned(server.fingerprint()),
                FakeDeskplaneServer.ADMIN, PASSWORD.toCharArray());
    }

    @AfterAll
    static void close() {
        connection.close();
        server.close();
    }

    @Test
    void aFileIsReadByRangeOneRequestPerRead() throws Exception {
        ContentAccess access = connection.contentAccess();
        server.ranges.clear();
        try (ContentReader reader = access.open(ANY, "share:docs", "/notes.txt")) {
            assertEquals(EntryType.FILE, reader.entry().type());
            assertEquals(20, reader.entry().size());
            byte[] buffer = new byte[8];
            assertEquals(8, reader.read(5, buffer, 0, 8));
            assertEquals("56789abc", new String(buffer, StandardCharsets.UTF_8));
            assertEquals(4, reader.read(16, buffer, 2, 6), "only what is left of the file");
            assertEquals("ghij", new String(buffer, 2, 4, StandardCharsets.UTF_8));
            assertEquals(-1, reader.read(20, buffer, 0, 8), "at the end");
        }
        assertEquals(List.of("bytes=5-12", "bytes=16-19"), server.ranges);
    }

    @Test
    void aFileChangedWhileReadIsAnErrorNotAMix() throws Exception {
        byte[] before = server.notes;
        try (ContentReader reader = connection.contentAccess().open(ANY, "share:docs", "/notes.txt")) {
            server.notes = "ABCDEFGHIJKLMNOPQRST".getBytes(StandardCharsets.UTF_8);
            ContentException changed = assertThrows(ContentException.class, () -> reader.read(0, new byte[4], 0, 4));
            assertEquals(ContentException.Reason.BUSY, changed.reason(), changed.getMessage());
        } finally {
            server.notes = before;
        }
    }

    @Test
    void aContextOnBehalfOfAUserAsksWithAs() throws Exception {
        assertEquals(List.of("admin ADMIN", "bob USER"), connection.users().stream()
                .map(user -> user.username() + " " + user.role()).toList());
        RequestContext adminAsBob = new RequestContext("admin", Role.ADMIN, null, "desktop").onBehalfOf("bob",
                Role.USER);
        int before = server.requests().size();
        try (ContentReader reader = connection.contentAccess().open(adminAsBob, "share:docs", "/notes.txt")) {
            assertEquals(4, reader.read(0, new byte[4], 0, 4));
        }
        List<String> sent = server.requests().subList(before, server.requests().size());
        assertEquals(2, sent.size(), sent.toString());
        assertTrue(sent.stream().allMatch(request -> request.contains("notes.txt") && request.endsWith("&as=bob")), sent.toString());
        int own = server.requests().size();
        connection.contentAccess().stat(ANY, "share:docs", "/notes.txt");
        assertFalse(server.requests().get(own).contains("as="), "one's own view sends no ?as=");
    }

    @Test
    void aMissingFileIsNotFound() {
        ContentException missing = assertThrows(ContentException.class,
                () -> connection.contentAccess().stat(ANY, "share:docs", "/nothing.txt"));
        assertEquals(ContentException.Reason.NOT_FOUND, missing.reason());
    }
}
