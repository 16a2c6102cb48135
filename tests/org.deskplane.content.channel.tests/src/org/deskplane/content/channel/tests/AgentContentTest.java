package org.deskplane.content.channel.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.deskplane.content.api.ContentEntry;
import org.deskplane.content.api.ContentException;
import org.deskplane.content.api.ContentException.Reason;
import org.deskplane.content.api.ContentReader;
import org.deskplane.content.api.ContentView;
import org.deskplane.content.api.EntryType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running desktop's files through its agent: the guest serves a random tree (Unicode names, nested directories, a
 * multi-MiB file, a directory that needs several listing pages, links pointing out of the root) and everything the
 * host's "agent" ContentSource says about it must equal the tree on disk.
 */
class AgentContentTest {
    private static final String VM = "5c0ffee0-aaaa-4bbb-8ccc-0123456789ab";

    @TempDir
    static Path temp;
    private static Path root;
    private static Path outside;
    private static AgentRig rig;
    private static ContentView view;

    @BeforeAll
    static void start() throws Exception {
        root = Files.createDirectories(temp.resolve("home"));
        outside = Files.createDirectories(temp.resolve("elsewhere"));
        Files.writeString(outside.resolve("secret.txt"), "not for the host");
        RandomTree.write(root, new Random(20261122));
        Files.createSymbolicLink(root.resolve("escape"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("escape-dir"), outside);
        rig = new AgentRig(VM, root);
        view = rig.source.open(rig.location());
        // the roots configuration reaches the guest asynchronously: wait until it serves this tree
        AgentRig.await("the guest serves the test tree", () -> view.stat("/" + RandomTree.BIG).size() == RandomTree.BIG_SIZE);
    }

    @AfterAll
    static void stop() throws Exception {
        if (view != null) {
            view.close();
        }
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void listingStatAndBytesOfEveryFileEqualTheTree() throws Exception {
        int files = 0;
        for (Path dir : directories(root)) {
            String path = path(dir);
            Map<String, ContentEntry> listed = new TreeMap<>();
            for (ContentEntry e : view.list(path)) {
                listed.put(e.name(), e);
            }
            Map<String, Path> onDisk = new TreeMap<>();
            try (Stream<Path> children = Files.list(dir)) {
                children.forEach(c -> onDisk.put(c.getFileName().toString(), c));
            }
            assertEquals(onDisk.keySet(), listed.keySet(), "names in " + path);
            for (Map.Entry<String, Path> child : onDisk.entrySet()) {
                ContentEntry entry = listed.get(child.getKey());
                BasicFileAttributes a = Files.readAttributes(child.getValue(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                assertEquals(path(child.getValue()), entry.path());
                assertEquals(type(a), entry.type(), entry.path());
                assertEquals(a.lastModifiedTime().toMillis(), entry.modified().toEpochMilli(), entry.path());
                assertEquals(entry, view.stat(entry.path()), "stat and list agree on " + entry.path());
                if (entry.type() == EntryType.FILE) {
                    assertEquals(a.size(), entry.size(), entry.path());
                    assertEquals(sha256(Files.readAllBytes(child.getValue())), sha256(view, entry.path()), entry.path());
                    files++;
                }
            }
        }
        assertTrue(files >= 40, "the tree has " + files + " files: too few to mean anything");
        ContentEntry top = view.stat("/");
        assertEquals(EntryType.DIRECTORY, top.type());
        assertEquals("", top.name());
    }

    @Test
    void aDirectoryOfManyLongNamesComesInSeveralPagesWithNothingLostOrRepeated() throws Exception {
        List<String> listed = view.list("/" + RandomTree.CROWDED).stream().map(ContentEntry::name).toList();
        try (Stream<Path> children = Files.list(root.resolve(RandomTree.CROWDED))) {
            assertEquals(children.map(p -> p.getFileName().toString()).sorted().toList(), listed);
        }
        assertEquals(RandomTree.CROWDED_COUNT, listed.size());
    }

    @Test
    void linksOutOfTheRootAreReportedButNeverFollowed() throws Exception {
        ContentEntry link = view.stat("/escape");
        assertEquals(EntryType.SYMLINK, link.type());
        assertEquals(outside.resolve("secret.txt").toString(), link.linkTarget());
        assertEquals(0, link.size());
        assertReason(Reason.WRONG_TYPE, () -> view.open("/escape"));
        assertEquals(EntryType.SYMLINK, view.stat("/escape-dir").type());
        assertReason(Reason.WRONG_TYPE, () -> view.list("/escape-dir"));
        assertReason(Reason.WRONG_TYPE, () -> view.stat("/escape-dir/secret.txt"));
        assertReason(Reason.WRONG_TYPE, () -> view.open("/escape-dir/secret.txt"));
    }

    @Test
    void pathsOutsideTheRootAreRefused() throws Exception {
        assertReason(Reason.NOT_FOUND, () -> view.stat("/no-such-file"));
        assertReason(Reason.NOT_FOUND, () -> view.open("/no-such-dir/x"));
        for (String bad : List.of("/../elsewhere/secret.txt", "/docs/../../elsewhere", "relative", "//x", "/docs/", "/./x",
                "/a\0b")) {
            assertReason(Reason.INVALID, () -> view.stat(bad));
        }
        assertReason(Reason.WRONG_TYPE, () -> view.open("/docs"));
        assertReason(Reason.WRONG_TYPE, () -> view.list("/" + RandomTree.BIG));
    }

    @Test
    void theGuestBoundsReadsAndRefusesMalformedRequests() throws Exception {
        String path = "/" + RandomTree.BIG;
        assertGuestError("INVALID", "content.read", "{\"v\":1,\"path\":\"" + path + "\",\"position\":0,\"length\":1048577}");
        assertGuestError("INVALID", "content.read", "{\"v\":1,\"path\":\"" + path + "\",\"position\":-1,\"length\":10}");
        assertGuestError("INVALID", "content.stat", "{\"v\":1,\"path\":");
        assertGuestError("INVALID", "content.stat", "{\"v\":2,\"path\":\"/\"}");
        assertGuestError("INVALID", "content.list", "{\"v\":1}");
        assertGuestError("INVALID", "content.stat", "[\"/\"]");
        // one MiB is the largest read: it fits the guest's bound, but not the channel's default frame
        byte[] answer = request("content.read", "{\"v\":1,\"path\":\"" + path + "\",\"position\":0,\"length\":4096}");
        assertEquals(0, answer[0], "binary data answer");
        assertEquals(1, answer[1], "protocol version");
    }

    @Test
    void readsAtAnyPositionAndPastTheEnd() throws Exception {
        byte[] expected = Files.readAllBytes(root.resolve(RandomTree.BIG));
        try (ContentReader reader = view.open("/" + RandomTree.BIG)) {
            assertEquals(expected.length, reader.entry().size());
            for (long position : new long[] { 0, 1, 131_071, 131_072, 131_073, expected.length - 5 }) {
                byte[] buffer = new byte[300_000];
                int n = reader.read(position, buffer, 7, 100);
                assertTrue(n > 0 && n <= 100, "read " + n + " at " + position);
                for (int i = 0; i < n; i++) {
                    assertEquals(expected[(int) position + i], buffer[7 + i], "byte " + (position + i));
                }
            }
            assertEquals(-1, reader.read(expected.length, new byte[10], 0, 10));
            assertEquals(-1, reader.read(expected.length + 1_000_000L, new byte[10], 0, 10));
        }
    }

    @Test
    void aChangedFileGetsANewEtagAndItsNewBytesNotTheCachedOnes() throws Exception {
        Path file = root.resolve("changing.bin");
        byte[] v1 = RandomTree.bytes(new Random(1), 600_000);
        Files.write(file, v1);
        ContentEntry first = view.stat("/changing.bin");
        assertEquals(sha256(v1), sha256(view, "/changing.bin"));
        assertEquals(sha256(v1), sha256(view, "/changing.bin"), "read again (from the cache)");

        // replaced as editors save: a new file moved over the old one
        byte[] v2 = RandomTree.bytes(new Random(2), 600_000);
        Path next = root.resolve(".changing.tmp");
        Files.write(next, v2);
        try (ContentReader old = view.open("/changing.bin")) {
            byte[] buffer = new byte[1000];
            assertEquals(1000, old.read(0, buffer, 0, 1000));
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            ContentEntry second = view.stat("/changing.bin");
            assertNotEquals(first.etag(), second.etag());
            assertEquals(sha256(v2), sha256(view, "/changing.bin"));
            // the reader of the old version must not mix in bytes of the new one
            assertReason(Reason.UNAVAILABLE, () -> old.read(500_000, buffer, 0, 1000));
        }

        // written in place, longer
        byte[] v3 = RandomTree.bytes(new Random(3), 700_001);
        Files.write(file, v3);
        ContentEntry third = view.stat("/changing.bin");
        assertEquals(700_001, third.size());
        assertEquals(sha256(v3), sha256(view, "/changing.bin"));
    }

    @Test
    void severalRootsAppearAsDirectoriesOfTheTop() throws Exception {
        Path second = Files.createDirectories(temp.resolve("second").resolve("home"));
        Files.writeString(second.resolve("note.txt"), "second root ✓");
        try {
            rig.setRoots(root, second);
            AgentRig.await("the guest serves two roots", () -> view.list("/").size() == 2);
            List<ContentEntry> top = view.list("/");
            assertEquals(List.of("home", "home-2"), top.stream().map(ContentEntry::name).toList());
            assertTrue(top.stream().allMatch(ContentEntry::directory));
            assertEquals(sha256("second root ✓".getBytes(StandardCharsets.UTF_8)), sha256(view, "/home-2/note.txt"));
            assertEquals(sha256(Files.readAllBytes(root.resolve(RandomTree.BIG))), sha256(view, "/home/" + RandomTree.BIG));
            assertReason(Reason.NOT_FOUND, () -> view.stat("/other/x"));
            assertReason(Reason.WRONG_TYPE, () -> view.open("/"));
        } finally {
            rig.setRoots(root);
            AgentRig.await("the guest serves one root again", () -> view.stat("/" + RandomTree.BIG).type() == EntryType.FILE);
        }
    }

    @Test
    void aDesktopWhoseAgentIsGoneIsUnavailable() throws Exception {
        assertReason(Reason.UNAVAILABLE, () -> rig.source.open(new org.deskplane.content.api.ContentLocation("vm:test:none",
                "agent", Map.of("uuid", "00000000-0000-4000-8000-000000000000"))));
        rig.stopAgent();
        try {
            assertReason(Reason.UNAVAILABLE, () -> view.stat("/"));
            assertReason(Reason.UNAVAILABLE, () -> view.list("/docs"));
            assertReason(Reason.UNAVAILABLE, () -> rig.source.open(rig.location()));
        } finally {
            rig.startAgent();
        }
        assertEquals(EntryType.DIRECTORY, view.stat("/").type(), "served again once the agent is back");
    }

    // --- helpers

    private static void assertReason(Reason reason, Executable call) {
        ContentException e = assertThrows(ContentException.class, call);
        assertEquals(reason, e.reason(), e.getMessage());
    }

    private static byte[] request(String type, String json) throws Exception {
        return rig.host.agent(VM).request(type, json.getBytes(StandardCharsets.UTF_8)).toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
    }

    private static void assertGuestError(String reason, String type, String json) throws Exception {
        String answer = new String(request(type, json), StandardCharsets.UTF_8);
        assertTrue(answer.startsWith("{\"v\":1,\"error\":\"" + reason + "\""), type + " " + json + " → " + answer);
    }

    private static List<Path> directories(Path top) throws IOException {
        try (Stream<Path> all = Files.walk(top)) {
            return all.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).collect(Collectors.toCollection(ArrayList::new));
        }
    }

    private static String path(Path file) {
        Path relative = root.relativize(file);
        return relative.toString().isEmpty() ? "/" : "/" + relative.toString().replace('\\', '/');
    }

    private static EntryType type(BasicFileAttributes a) {
        return a.isDirectory() ? EntryType.DIRECTORY : a.isRegularFile() ? EntryType.FILE
                : a.isSymbolicLink() ? EntryType.SYMLINK : EntryType.OTHER;
    }

    /** Reads the whole file through the view with an odd buffer size, so reads straddle the chunks. */
    private static String sha256(ContentView view, String path) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (ContentReader reader = view.open(path)) {
            byte[] buffer = new byte[77_777];
            long position = 0;
            int n;
            while ((n = reader.read(position, buffer, 0, buffer.length)) >= 0) {
                assertTrue(n > 0, "a read returned 0 bytes at " + position);
                digest.update(buffer, 0, n);
                position += n;
            }
            assertEquals(reader.entry().size(), position, "bytes read of " + path);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
