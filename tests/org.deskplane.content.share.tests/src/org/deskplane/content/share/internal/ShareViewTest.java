package org.deskplane.content.share.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.deskplane.content.api.ContentEntry;
import org.deskplane.content.api.ContentException;
import org.deskplane.content.api.ContentException.Reason;
import org.deskplane.content.api.ContentReader;
import org.deskplane.content.api.EntryType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A share's tree on a real temporary directory: what is reachable, and how writes replace files. */
class ShareViewTest {
    private static final String FOLDER = "Ordner ü 日本";
    private static final String FILE = "Überblick – ☃.txt";
    private static final byte[] FILE_BYTES = "Grüße aus dem Ordner".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path temp;

    private Path root;
    private Path outside;
    private ShareView view;

    @BeforeEach
    void makeTree() throws IOException {
        root = Files.createDirectory(temp.resolve("share"));
        Files.createDirectory(root.resolve(FOLDER));
        Files.write(root.resolve(FOLDER).resolve(FILE), FILE_BYTES);
        Files.writeString(root.resolve("top.txt"), "top");
        outside = Files.createDirectory(temp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "not for share users");
        Files.createSymbolicLink(root.resolve("escape"), outside);
        Files.createSymbolicLink(root.resolve("leak.txt"), outside.resolve("secret.txt"));
        view = new ShareView(root.toRealPath(), true);
    }

    @Test
    void rootIsAnUnnamedFolder() throws IOException {
        ContentEntry entry = view.stat("/");
        assertEquals(EntryType.DIRECTORY, entry.type());
        assertEquals("", entry.name());
        assertEquals("/", entry.path());
    }

    @Test
    void listsTheRootWithTypesAndPaths() throws IOException {
        Map<String, ContentEntry> entries = byName(view.list("/"));
        assertEquals(Set.of(FOLDER, "top.txt", "escape", "leak.txt"), entries.keySet());
        assertEquals(EntryType.DIRECTORY, entries.get(FOLDER).type());
        assertEquals("/" + FOLDER, entries.get(FOLDER).path());
        assertEquals(EntryType.FILE, entries.get("top.txt").type());
        assertEquals(3, entries.get("top.txt").size());
        assertEquals(EntryType.SYMLINK, entries.get("escape").type());
        assertEquals(EntryType.SYMLINK, entries.get("leak.txt").type());
    }

    @Test
    void listsAndStatsUnicodeNamesInSubfolders() throws IOException {
        String path = "/" + FOLDER + "/" + FILE;
        List<ContentEntry> entries = view.list("/" + FOLDER);
        assertEquals(1, entries.size());
        assertEquals(FILE, entries.get(0).name());
        assertEquals(path, entries.get(0).path());

        ContentEntry stat = view.stat(path);
        assertEquals(EntryType.FILE, stat.type());
        assertEquals(FILE, stat.name());
        assertEquals(FILE_BYTES.length, stat.size());
        assertNull(stat.linkTarget());
        assertEquals(entries.get(0).etag(), stat.etag());
    }

    @Test
    void opensAFileForPositionalReads() throws IOException {
        try (ContentReader reader = view.open("/" + FOLDER + "/" + FILE)) {
            assertEquals(FILE, reader.entry().name());
            assertArrayEquals(FILE_BYTES, readAll(reader));
            byte[] tail = new byte[4];
            assertEquals(4, reader.read(FILE_BYTES.length - 4, tail, 0, 4));
            assertArrayEquals(java.util.Arrays.copyOfRange(FILE_BYTES, FILE_BYTES.length - 4, FILE_BYTES.length), tail);
            assertEquals(-1, reader.read(FILE_BYTES.length, tail, 0, 4));
        }
    }

    @Test
    void openingAFolderIsTheWrongType() {
        ContentException e = assertThrows(ContentException.class, () -> view.open("/" + FOLDER));
        assertEquals(Reason.WRONG_TYPE, e.reason());
    }

    @Test
    void listingAFileIsNotADirectory() {
        assertThrows(NotDirectoryException.class, () -> view.list("/top.txt"));
    }

    @Test
    void aSymlinkOutOfTheShareIsReportedNotFollowed() throws IOException {
        ContentEntry link = view.stat("/escape");
        assertEquals(EntryType.SYMLINK, link.type());
        assertEquals(outside.toString(), link.linkTarget());
        assertEquals(0, link.size());

        ContentEntry fileLink = view.stat("/leak.txt");
        assertEquals(EntryType.SYMLINK, fileLink.type());
        assertEquals(outside.resolve("secret.txt").toString(), fileLink.linkTarget());
    }

    @Test
    void aSymlinkOutOfTheShareCannotBeOpenedOrListed() {
        assertEquals(Reason.WRONG_TYPE, assertThrows(ContentException.class, () -> view.open("/leak.txt")).reason());
        assertEquals(Reason.WRONG_TYPE, assertThrows(ContentException.class, () -> view.open("/escape")).reason());
        assertThrows(NotDirectoryException.class, () -> view.list("/escape"));
    }

    @Test
    void aSymlinkIsNeverAMiddleSegment() {
        assertThrows(NotDirectoryException.class, () -> view.stat("/escape/secret.txt"));
        assertThrows(NotDirectoryException.class, () -> view.open("/escape/secret.txt"));
        assertThrows(NotDirectoryException.class, () -> view.list("/escape/"));
        assertThrows(NotDirectoryException.class,
                () -> view.write("/escape/planted.txt", new ByteArrayInputStream(new byte[] { 1 })));
        assertFalse(Files.exists(outside.resolve("planted.txt")), "nothing may be written outside the share");
        assertThrows(NotDirectoryException.class, () -> view.delete("/escape/secret.txt"));
        assertTrue(Files.exists(outside.resolve("secret.txt")), "nothing may be deleted outside the share");
    }

    @Test
    void aMissingPathIsNoSuchFile() {
        assertEquals("/nope", assertThrows(NoSuchFileException.class, () -> view.stat("/nope")).getFile());
        assertThrows(NoSuchFileException.class, () -> view.list("/nope"));
        assertThrows(NoSuchFileException.class, () -> view.open("/" + FOLDER + "/nope.txt"));
        assertThrows(NoSuchFileException.class, () -> view.delete("/nope"));
        assertThrows(NoSuchFileException.class,
                () -> view.write("/no-folder/x.txt", new ByteArrayInputStream(new byte[] { 1 })));
    }

    @Test
    void writeCreatesAFile() throws IOException {
        ContentEntry written = view.write("/" + FOLDER + "/neu ß.txt", bytes("fresh"));
        assertEquals(EntryType.FILE, written.type());
        assertEquals("neu ß.txt", written.name());
        assertEquals(5, written.size());
        assertEquals("fresh", Files.readString(root.resolve(FOLDER).resolve("neu ß.txt")));
        assertEquals(written.etag(), view.stat("/" + FOLDER + "/neu ß.txt").etag());
    }

    @Test
    void writeReplacesContentAndChangesTheEtag() throws IOException {
        String before = view.stat("/top.txt").etag();
        // same length as before: the etag must change for the replacement itself, not for the size
        ContentEntry written = view.write("/top.txt", bytes("TOP"));
        assertEquals("TOP", Files.readString(root.resolve("top.txt")));
        assertNotEquals(before, written.etag());
        assertEquals(written.etag(), view.stat("/top.txt").etag());
        assertNoPartFiles(root);
    }

    @Test
    void aFailedUploadLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        InputStream failing = new InputStream() {
            private int produced;

            @Override
            public int read() throws IOException {
                if (produced >= 100_000) {
                    throw new IOException("client went away");
                }
                produced++;
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (produced >= 100_000) {
                    throw new IOException("client went away");
                }
                int n = Math.min(len, 100_000 - produced);
                java.util.Arrays.fill(b, off, off + n, (byte) 'x');
                produced += n;
                return n;
            }
        };
        String path = "/" + FOLDER + "/" + FILE;
        String etag = view.stat(path).etag();

        IOException e = assertThrows(IOException.class, () -> view.write(path, failing));
        assertEquals("client went away", e.getMessage());

        assertArrayEquals(FILE_BYTES, Files.readAllBytes(root.resolve(FOLDER).resolve(FILE)));
        assertEquals(etag, view.stat(path).etag());
        assertNoPartFiles(root.resolve(FOLDER));
        assertEquals(List.of(FILE), view.list("/" + FOLDER).stream().map(ContentEntry::name).toList());
    }

    @Test
    void writingToAFolderOrASymlinkIsTheWrongType() throws IOException {
        assertEquals(Reason.WRONG_TYPE,
                assertThrows(ContentException.class, () -> view.write("/" + FOLDER, bytes("x"))).reason());
        assertEquals(Reason.WRONG_TYPE,
                assertThrows(ContentException.class, () -> view.write("/leak.txt", bytes("x"))).reason());
        assertEquals("not for share users", Files.readString(outside.resolve("secret.txt")));
        assertTrue(Files.isDirectory(root.resolve(FOLDER)));
        assertNoPartFiles(root);
    }

    @Test
    void writingTheRootIsInvalid() {
        assertEquals(Reason.INVALID, assertThrows(ContentException.class, () -> view.write("/", bytes("x"))).reason());
    }

    @Test
    void deletesFilesAndEmptyFolders() throws IOException {
        view.delete("/top.txt");
        assertFalse(Files.exists(root.resolve("top.txt")));
        assertThrows(NoSuchFileException.class, () -> view.stat("/top.txt"));

        Files.createDirectory(root.resolve("leer"));
        view.delete("/leer");
        assertFalse(Files.exists(root.resolve("leer")));
    }

    @Test
    void deletingASymlinkRemovesTheLinkNotItsTarget() throws IOException {
        view.delete("/leak.txt");
        assertFalse(Files.exists(root.resolve("leak.txt"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertEquals("not for share users", Files.readString(outside.resolve("secret.txt")));
    }

    @Test
    void writableIsWhatTheViewWasOpenedWith() throws IOException {
        assertTrue(view.writable());
        ShareView readOnly = new ShareView(root.toRealPath(), false);
        assertFalse(readOnly.writable());
        // the view refuses by itself too, not only the CAL in front of it
        ContentException write = assertThrows(ContentException.class,
                () -> readOnly.write("/refused.txt", new java.io.ByteArrayInputStream(new byte[] { 1 })));
        assertEquals(ContentException.Reason.READ_ONLY, write.reason());
        assertFalse(Files.exists(root.resolve("refused.txt")));
        ContentException delete = assertThrows(ContentException.class, () -> readOnly.delete("/"));
        assertEquals(ContentException.Reason.READ_ONLY, delete.reason());
    }

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] readAll(ContentReader reader) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[7];
        long position = 0;
        int n;
        while ((n = reader.read(position, buffer, 0, buffer.length)) > 0) {
            out.write(buffer, 0, n);
            position += n;
        }
        return out.toByteArray();
    }

    private static Map<String, ContentEntry> byName(List<ContentEntry> entries) {
        return entries.stream().collect(Collectors.toMap(ContentEntry::name, Function.identity()));
    }

    private static void assertNoPartFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<String> parts = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(".upload-") || n.endsWith(".part")).toList();
            assertEquals(List.of(), parts, "temporary upload files left behind in " + folder);
        }
    }
}
