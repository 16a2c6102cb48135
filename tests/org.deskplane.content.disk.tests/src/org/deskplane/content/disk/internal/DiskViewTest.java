package org.deskplane.content.disk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.List;

import org.deskplane.content.api.ContentEntry;
import org.deskplane.content.api.ContentException;
import org.deskplane.content.api.ContentException.Reason;
import org.deskplane.content.api.ContentReader;
import org.deskplane.content.api.EntryType;
import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.BlockDevices;
import org.junit.jupiter.api.Test;

/** The view over fake file systems: path mapping for one volume, a content root, several volumes; read-only. */
class DiskViewTest {
    private static final Instant IMAGE_MODIFIED = Instant.parse("2025-01-02T03:04:05Z");

    private final ClosingDisk disk = new ClosingDisk();

    private static FakeFileSystem systemVolume() {
        return new FakeFileSystem("system").folder("/etc").file("/etc/hostname", "desk-1\n").folder("/home")
                .folder("/home/alice").file("/home/alice/notes.txt", "Alice's notes").folder("/home/bob")
                .symlink("/home/alice/link", "../bob");
    }

    private DiskView view(List<DiskView.Volume> volumes, String root) {
        return new DiskView(disk, volumes, IMAGE_MODIFIED, "/images/desk-1.raw", "", root);
    }

    @Test
    void aSingleVolumePassesPathsThrough() throws IOException {
        FakeFileSystem fs = systemVolume();
        DiskView view = view(List.of(new DiskView.Volume("disk", fs)), "/");

        ContentEntry root = view.stat("/");
        assertEquals(EntryType.DIRECTORY, root.type());
        assertEquals("", root.name());
        assertEquals(0, root.size(), "folders have no size in the content API");

        assertEquals(List.of("etc", "home"), names(view.list("/")));
        assertEquals(List.of("/etc", "/home"), paths(view.list("/")));

        ContentEntry hostname = view.stat("/etc/hostname");
        assertEquals(EntryType.FILE, hostname.type());
        assertEquals("hostname", hostname.name());
        assertEquals("/etc/hostname", hostname.path());
        assertEquals(7, hostname.size());
        assertEquals(FakeFileSystem.MODIFIED, hostname.modified());
        assertEquals("/etc/hostname", fs.asked.get(fs.asked.size() - 1));

        assertEquals("desk-1\n", read(view, "/etc/hostname"));
    }

    @Test
    void symlinksAreReportedWithTheirTarget() throws IOException {
        DiskView view = view(List.of(new DiskView.Volume("disk", systemVolume())), "/");
        ContentEntry link = view.stat("/home/alice/link");
        assertEquals(EntryType.SYMLINK, link.type());
        assertEquals("../bob", link.linkTarget());
        assertEquals(Reason.WRONG_TYPE, assertThrows(ContentException.class, () -> view.open("/home/alice/link")).reason());
    }

    @Test
    void aContentRootShowsThatFolderAsTheRoot() throws IOException {
        FakeFileSystem fs = systemVolume();
        DiskView view = view(List.of(new DiskView.Volume("disk", fs)), "/home");

        ContentEntry root = view.stat("/");
        assertEquals(EntryType.DIRECTORY, root.type());
        assertEquals("", root.name());
        assertEquals("/", root.path());
        assertEquals("/home", fs.asked.get(fs.asked.size() - 1), "stat of / is the root folder's own entry");

        List<ContentEntry> entries = view.list("/");
        assertEquals(List.of("alice", "bob"), names(entries));
        assertEquals(List.of("/alice", "/bob"), paths(entries), "paths are as the user sees them, not the volume's");

        ContentEntry alice = view.stat("/alice");
        assertEquals("alice", alice.name());
        assertEquals("/alice", alice.path());
        assertEquals(List.of("/alice/link", "/alice/notes.txt"), paths(view.list("/alice")).stream().sorted().toList());

        try (ContentReader reader = view.open("/alice/notes.txt")) {
            assertEquals("/alice/notes.txt", reader.entry().path());
        }
        assertEquals("Alice's notes", read(view, "/alice/notes.txt"));
        assertEquals("/home/alice/notes.txt", fs.asked.get(fs.asked.size() - 1));

        // what is outside the root is not reachable under its own name
        assertThrows(NoSuchFileException.class, () -> view.stat("/etc/hostname"));
    }

    @Test
    void twoVolumesGetOneFolderEach() throws IOException {
        FakeFileSystem first = systemVolume();
        FakeFileSystem second = new FakeFileSystem("data").folder("/x").file("/x/report.txt", "Q3");
        // a content root only applies to single-volume disks
        DiskView view = view(List.of(new DiskView.Volume("part1", first), new DiskView.Volume("part2", second)),
                "/home");

        ContentEntry root = view.stat("/");
        assertEquals(EntryType.DIRECTORY, root.type());
        assertEquals("", root.name());

        List<ContentEntry> volumes = view.list("/");
        assertEquals(List.of("part1", "part2"), names(volumes));
        assertEquals(List.of("/part1", "/part2"), paths(volumes));
        assertTrue(volumes.stream().allMatch(ContentEntry::directory));

        assertEquals(List.of("/part2/x"), paths(view.list("/part2")));
        ContentEntry x = view.stat("/part2/x");
        assertEquals(EntryType.DIRECTORY, x.type());
        assertEquals("x", x.name());
        assertEquals("/x", second.asked.get(second.asked.size() - 1));
        assertEquals("Q3", read(view, "/part2/x/report.txt"));
        assertEquals("desk-1\n", read(view, "/part1/etc/hostname"));
        assertEquals("/part1/home", view.stat("/part1/home").path());

        assertThrows(NoSuchFileException.class, () -> view.stat("/part3"));
        assertThrows(NoSuchFileException.class, () -> view.list("/etc"));
        assertEquals(Reason.WRONG_TYPE, assertThrows(ContentException.class, () -> view.open("/")).reason());
    }

    @Test
    void openingAFolderIsTheWrongType() {
        DiskView view = view(List.of(new DiskView.Volume("disk", systemVolume())), "/");
        assertEquals(Reason.WRONG_TYPE, assertThrows(ContentException.class, () -> view.open("/etc")).reason());
        assertEquals(Reason.WRONG_TYPE, assertThrows(ContentException.class, () -> view.open("/")).reason());
    }

    @Test
    void aMissingPathIsNoSuchFile() {
        DiskView view = view(List.of(new DiskView.Volume("disk", systemVolume())), "/");
        assertThrows(NoSuchFileException.class, () -> view.stat("/nope"));
        assertThrows(NoSuchFileException.class, () -> view.open("/etc/nope"));
    }

    @Test
    void neverWritable() {
        DiskView view = view(List.of(new DiskView.Volume("disk", systemVolume())), "/");
        assertFalse(view.writable());
        ContentException write = assertThrows(ContentException.class,
                () -> view.write("/etc/hostname", new ByteArrayInputStream(new byte[] { 'x' })));
        assertEquals(Reason.READ_ONLY, write.reason());
        assertEquals(Reason.READ_ONLY, assertThrows(ContentException.class, () -> view.delete("/etc/hostname")).reason());
    }

    @Test
    void etagsChangeWithTheImagesModificationTime() throws IOException {
        FakeFileSystem fs = systemVolume();
        List<DiskView.Volume> volumes = List.of(new DiskView.Volume("disk", fs));
        DiskView before = new DiskView(disk, volumes, IMAGE_MODIFIED, "/images/desk-1.raw", "", "/");
        DiskView same = new DiskView(disk, volumes, IMAGE_MODIFIED, "/images/desk-1.raw", "", "/");
        DiskView after = new DiskView(disk, volumes, IMAGE_MODIFIED.plusSeconds(1), "/images/desk-1.raw", "", "/");

        assertEquals(before.stat("/etc/hostname").etag(), same.stat("/etc/hostname").etag());
        assertNotEquals(before.stat("/etc/hostname").etag(), after.stat("/etc/hostname").etag());
        assertNotEquals(before.stat("/etc/hostname").etag(), before.stat("/home/alice/notes.txt").etag());
    }

    @Test
    void etagsOfTheVirtualRootChangeWithTheImagesModificationTime() throws IOException {
        List<DiskView.Volume> volumes = List.of(new DiskView.Volume("part1", systemVolume()),
                new DiskView.Volume("part2", new FakeFileSystem("data")));
        DiskView before = new DiskView(disk, volumes, IMAGE_MODIFIED, "/images/desk-1.raw", "", "/");
        DiskView after = new DiskView(disk, volumes, IMAGE_MODIFIED.plusMillis(1), "/images/desk-1.raw", "", "/");
        assertNotEquals(before.stat("/").etag(), after.stat("/").etag());
        assertNotEquals(before.list("/").get(1).etag(), after.list("/").get(1).etag());
    }

    @Test
    void carriesItsNote() {
        DiskView view = new DiskView(disk, List.of(new DiskView.Volume("disk", systemVolume())), IMAGE_MODIFIED,
                "/images/desk-1.raw", "may be stale", "/");
        assertEquals("may be stale", view.note());
    }

    @Test
    void closeClosesEveryFileSystemAndTheDisk() throws IOException {
        FakeFileSystem first = systemVolume();
        FakeFileSystem second = new FakeFileSystem("data");
        DiskView view = view(List.of(new DiskView.Volume("part1", first), new DiskView.Volume("part2", second)), "/");
        view.close();
        assertTrue(first.closed);
        assertTrue(second.closed);
        assertTrue(disk.closed);
    }

    @Test
    void theDiskIsClosedEvenWhenAFileSystemFailsToClose() {
        FakeFileSystem failing = systemVolume();
        failing.failOnClose = true;
        DiskView view = view(List.of(new DiskView.Volume("disk", failing)), "/");
        assertThrows(IOException.class, view::close);
        assertTrue(disk.closed);
    }

    private static String read(DiskView view, String path) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ContentReader reader = view.open(path)) {
            byte[] buffer = new byte[3];
            long position = 0;
            int n;
            while ((n = reader.read(position, buffer, 0, buffer.length)) > 0) {
                out.write(buffer, 0, n);
                position += n;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<String> names(List<ContentEntry> entries) {
        return entries.stream().map(ContentEntry::name).toList();
    }

    private static List<String> paths(List<ContentEntry> entries) {
        return entries.stream().map(ContentEntry::path).toList();
    }

    /** A memory disk that remembers being closed. */
    private static final class ClosingDisk implements BlockDevice {
        private final BlockDevice bytes = BlockDevices.memory(new byte[4096], "memory disk");
        boolean closed;

        @Override
        public long size() {
            return bytes.size();
        }

        @Override
        public void read(long offset, byte[] buffer, int bufferOffset, int length) throws IOException {
            bytes.read(offset, buffer, bufferOffset, length);
        }

        @Override
        public String describe() {
            return bytes.describe();
        }

        @Override
        public void close() throws IOException {
            bytes.close();
            closed = true;
        }
    }
}
