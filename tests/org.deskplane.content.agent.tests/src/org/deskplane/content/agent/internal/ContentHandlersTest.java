package org.deskplane.content.agent.internal;

import static org.deskplane.content.agent.internal.Guest.call;
import static org.deskplane.content.agent.internal.Guest.errorPrefix;
import static org.deskplane.content.agent.internal.Guest.names;
import static org.deskplane.content.agent.internal.Guest.q;
import static org.deskplane.content.agent.internal.Guest.roots;
import static org.deskplane.content.agent.internal.Guest.text;
import static org.deskplane.content.agent.internal.Guest.wired;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** content.stat, content.list and content.read answered by the guest, called with request bytes as the channel does. */
class ContentHandlersTest {
    private static final Instant MTIME = Instant.parse("2024-05-01T10:15:30.123Z");
    private static final Pattern ETAG = Pattern.compile("\"e\":\"([0-9a-f]{32})\"");

    @TempDir
    Path temp;
    private Path home;
    private GuestRoots roots;

    @BeforeEach
    void setUp() throws IOException {
        home = Files.createDirectories(temp.toRealPath().resolve("home"));
        Files.createDirectories(home.resolve("alice/photos"));
        Files.writeString(home.resolve("alice/notes.txt"), "hello world");
        Files.setLastModifiedTime(home.resolve("alice/notes.txt"), FileTime.from(MTIME));
        Files.createSymbolicLink(home.resolve("alice/link"), Path.of("notes.txt"));
        roots = roots(home);
    }

    private String stat(String path) {
        return text(call(wired(new StatHandler(), roots), "content.stat", "{\"v\":1,\"path\":" + q(path) + "}"));
    }

    private String list(String requestJson) {
        return text(call(wired(new ListHandler(), roots), "content.list", requestJson));
    }

    private byte[] read(String path, long position, long length) {
        return call(wired(new ReadHandler(), roots), "content.read",
                "{\"v\":1,\"path\":" + q(path) + ",\"position\":" + position + ",\"length\":" + length + "}");
    }

    private static String etag(String answer) {
        Matcher m = ETAG.matcher(answer);
        assertTrue(m.find(), "no 32-digit etag in " + answer);
        return m.group(1);
    }

    @Test
    void statOfAFileGivesNameTypeSizeMtimeAndEtag() {
        String answer = stat("/alice/notes.txt");

        assertTrue(answer.startsWith("{\"v\":1,\"entry\":{\"n\":\"notes.txt\",\"t\":\"f\",\"s\":11,\"m\":"
                + MTIME.toEpochMilli() + ",\"e\":\""), answer);
        assertEquals(32, etag(answer).length());
        assertEquals(answer, stat("/alice/notes.txt"), "an unchanged file keeps its etag");
    }

    @Test
    void statOfADirectoryHasNoSize() {
        String answer = stat("/alice/photos");

        assertTrue(answer.startsWith("{\"v\":1,\"entry\":{\"n\":\"photos\",\"t\":\"d\",\"m\":"), answer);
        assertFalse(answer.contains("\"s\":"), answer);
    }

    @Test
    void statOfALinkReportsItsTargetWithoutFollowingIt() {
        String answer = stat("/alice/link");

        assertTrue(answer.contains("\"n\":\"link\",\"t\":\"l\""), answer);
        assertTrue(answer.contains("\"l\":\"notes.txt\""), answer);
        assertFalse(answer.contains("\"s\":11"), answer);
    }

    @Test
    void statOfTheRootOfOneRootIsTheRootDirectory() {
        assertTrue(stat("/").startsWith("{\"v\":1,\"entry\":{\"n\":\"\",\"t\":\"d\""), stat("/"));
    }

    @Test
    void statOfTheVirtualRootOfSeveralRoots() throws IOException {
        roots = roots(home, Files.createDirectories(temp.resolve("Users")));

        String answer = stat("/");

        assertTrue(answer.startsWith("{\"v\":1,\"entry\":{\"n\":\"\",\"t\":\"d\",\"e\":\""), answer);
        assertTrue(stat("/home/alice/notes.txt").contains("\"n\":\"notes.txt\""));
    }

    @Test
    void theEtagChangesWhenTheFileIsWritten() throws IOException {
        String before = etag(stat("/alice/notes.txt"));

        Files.writeString(home.resolve("alice/notes.txt"), "hello world");
        Files.setLastModifiedTime(home.resolve("alice/notes.txt"), FileTime.from(MTIME.plusNanos(1000)));
        String touched = etag(stat("/alice/notes.txt"));
        Files.writeString(home.resolve("alice/notes.txt"), "hello world!");
        Files.setLastModifiedTime(home.resolve("alice/notes.txt"), FileTime.from(MTIME.plusNanos(1000)));
        String grown = etag(stat("/alice/notes.txt"));

        assertNotEquals(before, touched, "a new modification time is a new version");
        assertNotEquals(touched, grown, "a new size is a new version");
    }

    @Test
    void refusalsAreErrorObjectsWithTheReason() {
        assertTrue(stat("/alice/missing.txt").startsWith(errorPrefix("NOT_FOUND")), stat("/alice/missing.txt"));
        assertTrue(stat("/alice/../etc").startsWith(errorPrefix("INVALID")), stat("/alice/../etc"));
        assertTrue(stat("/alice/link/x").startsWith(errorPrefix("WRONG_TYPE")), stat("/alice/link/x"));
        String noPath = text(call(wired(new StatHandler(), roots), "content.stat", "{\"v\":1}"));
        assertEquals(errorPrefix("INVALID") + "\"request needs the string 'path'\"}", noPath);
    }

    @Test
    void anotherProtocolVersionIsRefusedWithInvalid() {
        for (ContentHandler handler : List.of(new StatHandler(), new ListHandler(), new ReadHandler())) {
            String answer = text(call(wired(handler, roots), "content.x", "{\"v\":2,\"path\":\"/alice/notes.txt\"}"));
            assertEquals(errorPrefix("INVALID") + "\"unsupported content protocol version 2\"}", answer,
                    handler.getClass().getSimpleName());
        }
    }

    @Test
    void malformedAndOversizedRequestsAreRefusedWithInvalid() {
        byte[] oversized = new byte[RequestJson.MAX_BYTES + 1];
        Arrays.fill(oversized, (byte) ' ');
        for (byte[] request : List.of(oversized, "{\"v\":1,\"path\":{\"x\":1}}".getBytes(StandardCharsets.UTF_8),
                "not json".getBytes(StandardCharsets.UTF_8))) {
            String answer = text(call(wired(new StatHandler(), roots), "content.stat", request));
            assertTrue(answer.startsWith(errorPrefix("INVALID")), answer);
        }
    }

    @Test
    void aListingIsSortedByName() {
        String answer = list("{\"v\":1,\"path\":\"/alice\"}");

        assertTrue(answer.startsWith("{\"v\":1,\"entries\":[{\"n\":\"link\",\"t\":\"l\""), answer);
        assertTrue(answer.endsWith("],\"more\":false}"), answer);
        assertEquals(List.of("link", "notes.txt", "photos"), names(answer));
        assertEquals(List.of(), names(list("{\"v\":1,\"path\":\"/alice/photos\"}")));
    }

    @Test
    void aListingStartsAfterTheGivenName() {
        assertEquals(List.of("notes.txt", "photos"), names(list("{\"v\":1,\"path\":\"/alice\",\"after\":\"link\"}")));
        assertEquals(List.of("photos"), names(list("{\"v\":1,\"path\":\"/alice\",\"after\":\"notes.txt\"}")));
        assertEquals(List.of("notes.txt", "photos"), names(list("{\"v\":1,\"path\":\"/alice\",\"after\":\"m\"}")),
                "after need not be an existing name");
        assertEquals(List.of(), names(list("{\"v\":1,\"path\":\"/alice\",\"after\":\"photos\"}")));
    }

    @Test
    void aLargeDirectoryIsListedInPagesThatFitTheBudget() throws IOException {
        Path big = Files.createDirectories(home.resolve("big"));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String name = String.format("file-%03d-%s.txt", i, "x".repeat(40));
            Files.writeString(big.resolve(name), "");
            expected.add(name);
        }
        int pageBudget = 4096;

        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        while (true) {
            String answer = list("{\"v\":1,\"path\":\"/big\",\"maxBytes\":" + pageBudget
                    + (after == null ? "" : ",\"after\":" + q(after)) + "}");
            pages++;
            assertTrue(answer.getBytes(StandardCharsets.UTF_8).length <= pageBudget, "page " + pages + " over budget");
            List<String> page = names(answer);
            assertFalse(page.isEmpty(), "every page has an entry");
            seen.addAll(page);
            if (answer.endsWith("\"more\":false}")) {
                break;
            }
            assertTrue(answer.endsWith("\"more\":true}"), answer);
            after = page.get(page.size() - 1);
            assertTrue(pages < 200, "paging does not end");
        }

        assertTrue(pages > 1, "200 entries of ~100 bytes do not fit one 4 KiB page");
        assertEquals(expected, seen, "every entry once, in name order");
        assertEquals(expected.size(), new HashSet<>(seen).size());
    }

    @Test
    void aTinyBudgetIsRaisedToTheMinimumPage() throws IOException {
        Path big = Files.createDirectories(home.resolve("big"));
        for (int i = 0; i < 100; i++) {
            Files.writeString(big.resolve("f" + i), "");
        }

        String answer = list("{\"v\":1,\"path\":\"/big\",\"maxBytes\":1}");

        assertTrue(names(answer).size() > 1, "clamped to " + ListHandler.MIN_PAGE + " bytes, not one entry per page");
        assertTrue(answer.endsWith("\"more\":true}"), answer);
    }

    @Test
    void theVirtualRootListsTheRoots() throws IOException {
        roots = roots(home, Files.createDirectories(temp.resolve("other/home")), Files.createDirectories(temp.resolve("Users")));

        String answer = list("{\"v\":1,\"path\":\"/\"}");

        assertEquals(List.of("Users", "home", "home-2"), names(answer));
        assertTrue(answer.contains("{\"n\":\"home-2\",\"t\":\"d\""), answer);
    }

    @Test
    void listingAFileOrALinkIsWrongType() {
        assertTrue(list("{\"v\":1,\"path\":\"/alice/notes.txt\"}").startsWith(errorPrefix("WRONG_TYPE")));
        Path dirLink = home.resolve("alice/photos-link");
        try {
            Files.createSymbolicLink(dirLink, home.resolve("alice/photos"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertTrue(list("{\"v\":1,\"path\":\"/alice/photos-link\"}").startsWith(errorPrefix("WRONG_TYPE")),
                "a link to a directory is not listed through");
        assertTrue(list("{\"v\":1,\"path\":\"/nobody\"}").startsWith(errorPrefix("NOT_FOUND")));
    }

    @Test
    void aReadAnswersTheBinaryLayout() {
        String etag = etag(stat("/alice/notes.txt"));

        ByteBuffer answer = ByteBuffer.wrap(read("/alice/notes.txt", 6, 3));

        assertEquals(0x00, answer.get(), "data marker");
        assertEquals(1, answer.get(), "version");
        int etagLength = answer.getShort();
        byte[] tag = new byte[etagLength];
        answer.get(tag);
        assertEquals(etag, new String(tag, StandardCharsets.UTF_8), "the etag stat reports");
        assertEquals(11, answer.getLong(), "the file's size");
        byte[] bytes = new byte[answer.remaining()];
        answer.get(bytes);
        assertArrayEquals("wor".getBytes(StandardCharsets.US_ASCII), bytes);
    }

    @Test
    void aReadStopsAtTheEndOfTheFile() {
        ByteBuffer tail = ByteBuffer.wrap(read("/alice/notes.txt", 6, 1000));
        ByteBuffer past = ByteBuffer.wrap(read("/alice/notes.txt", 11, 10));

        assertEquals("world", new String(data(tail), StandardCharsets.US_ASCII));
        assertEquals(0, data(past).length, "nothing at the end");
        assertEquals(11, past.getLong(4 + 32), "the size is still told");
    }

    /** The bytes after the header of a read answer. */
    private static byte[] data(ByteBuffer answer) {
        int header = 4 + answer.getShort(2) + 8;
        return Arrays.copyOfRange(answer.array(), header, answer.limit());
    }

    @Test
    void readRefusals() throws IOException {
        assertTrue(text(read("/alice/notes.txt", 0, 0)).startsWith(errorPrefix("INVALID")));
        assertTrue(text(read("/alice/notes.txt", 0, ContentWire.MAX_READ + 1)).startsWith(errorPrefix("INVALID")));
        assertTrue(text(read("/alice/notes.txt", -1, 10)).startsWith(errorPrefix("INVALID")));
        assertTrue(text(read("/alice/photos", 0, 10)).startsWith(errorPrefix("WRONG_TYPE")));
        assertTrue(text(read("/alice/link", 0, 10)).startsWith(errorPrefix("WRONG_TYPE")), "a link is not read through");
        assertTrue(text(read("/alice/gone.txt", 0, 10)).startsWith(errorPrefix("NOT_FOUND")));
        String noLength = text(call(wired(new ReadHandler(), roots), "content.read", "{\"v\":1,\"path\":\"/alice/notes.txt\"}"));
        assertTrue(noLength.startsWith(errorPrefix("INVALID")), noLength);

        roots = roots(home, Files.createDirectories(temp.resolve("Users")));
        assertTrue(text(read("/", 0, 10)).startsWith(errorPrefix("WRONG_TYPE")), "the virtual root is not a file");
    }

    @Test
    void aReadOfTheLargestLengthIsServed() throws IOException {
        byte[] content = new byte[ContentWire.MAX_READ + 10];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) i;
        }
        Files.write(home.resolve("big.bin"), content);

        byte[] bytes = data(ByteBuffer.wrap(read("/big.bin", 5, ContentWire.MAX_READ)));

        assertArrayEquals(Arrays.copyOfRange(content, 5, 5 + ContentWire.MAX_READ), bytes);
    }
}
