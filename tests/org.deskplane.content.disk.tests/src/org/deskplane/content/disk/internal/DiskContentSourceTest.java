package org.deskplane.content.disk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.deskplane.content.api.ContentEntry;
import org.deskplane.content.api.ContentException;
import org.deskplane.content.api.ContentException.Reason;
import org.deskplane.content.api.ContentLocation;
import org.deskplane.content.api.ContentReader;
import org.deskplane.content.api.ContentSource;
import org.deskplane.content.api.ContentView;
import org.deskplane.content.api.EntryType;
import org.deskplane.disk.api.FileSystemType;
import org.deskplane.disk.api.PartitionTableType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** The "disk" ContentSource service with the real image, partition and ext services, on an mkfs.ext4 -d image. */
class DiskContentSourceTest {

    @TempDir
    static Path temp;

    private static Path image;
    private static ContentSource source;

    @BeforeAll
    static void makeImageAndFindTheService() throws Exception {
        Path tree = Files.createDirectory(temp.resolve("tree"));
        Files.createDirectories(tree.resolve("home/alice"));
        Files.writeString(tree.resolve("home/alice/notes.txt"), "Alice's notes ✓");
        Files.createDirectories(tree.resolve("etc"));
        Files.writeString(tree.resolve("etc/hostname"), "desk-1\n");
        image = temp.resolve("desk-1.raw");
        run(List.of("mkfs.ext4", "-q", "-F", "-E", "root_owner=0:0", "-d", tree.toString(), image.toString(), "8M"));
        source = awaitDiskSource();
    }

    @Test
    void listsTheWholeVolume() throws IOException {
        try (ContentView view = source.open(location(Map.of("image", image.toString(), "format", "raw", "root", "/")))) {
            List<String> names = view.list("/").stream().map(ContentEntry::name).sorted().toList();
            assertEquals(List.of("etc", "home", "lost+found"), names);
            assertEquals(EntryType.DIRECTORY, view.stat("/home/alice").type());
            assertEquals("desk-1\n", read(view, "/etc/hostname"));
            assertFalse(view.writable());
        }
    }

    @Test
    void aContentRootShowsThatFolder() throws IOException {
        try (ContentView view = source.open(location(Map.of("image", image.toString(), "format", "raw", "root", "/home/")))) {
            List<ContentEntry> entries = view.list("/");
            assertEquals(List.of("/alice"), entries.stream().map(ContentEntry::path).toList());
            assertEquals("Alice's notes ✓", read(view, "/alice/notes.txt"));
        }
    }

    @Test
    void theFormatIsProbedWhenNotGiven() throws IOException {
        try (ContentView view = source.open(location(Map.of("image", image.toString())))) {
            assertEquals(EntryType.FILE, view.stat("/etc/hostname").type());
        }
    }

    @Test
    void aFileWithoutAFileSystemIsUnreadable() throws IOException {
        Path notAnImage = Files.write(temp.resolve("not-an-image.raw"), new byte[64 * 1024]);
        ContentException e = assertThrows(ContentException.class,
                () -> source.open(location(Map.of("image", notAnImage.toString(), "format", "raw"))));
        assertEquals(Reason.UNREADABLE, e.reason());
    }

    /**
     * With the helper-VM backend present, a disk none of our readers understands goes to it, except a blank one:
     * nothing there for libguestfs to find, and no appliance is started for it (each costs a TCG boot here).
     * The helper is a counting stand-in: what is tested is the disk backend's choice, not libguestfs.
     */
    @Test
    void aBlankDiskNeverStartsTheHelperVmButAnUnknownFileSystemDoes() throws Exception {
        java.util.concurrent.atomic.AtomicInteger helperOpens = new java.util.concurrent.atomic.AtomicInteger();
        ContentSource helper = location -> {
            helperOpens.incrementAndGet();
            throw new ContentException(Reason.UNREADABLE, "stand-in helper VM: nothing mounted");
        };
        BundleContext context = FrameworkUtil.getBundle(DiskContentSourceTest.class).getBundleContext();
        org.osgi.framework.ServiceRegistration<ContentSource> registration = context.registerService(
                ContentSource.class, helper,
                new java.util.Hashtable<>(Map.of(ContentSource.BACKEND_PROPERTY, "guestfs")));
        try {
            Path blank = Files.write(temp.resolve("blank.raw"), new byte[4 * 1024 * 1024]);
            ContentException none = assertThrows(ContentException.class,
                    () -> source.open(location(Map.of("image", blank.toString(), "format", "raw"))));
            assertEquals(Reason.UNREADABLE, none.reason());
            assertEquals(0, helperOpens.get(), "the helper VM was asked about a blank disk");

            byte[] xfsLike = new byte[4 * 1024 * 1024];
            System.arraycopy("XFSB".getBytes(StandardCharsets.US_ASCII), 0, xfsLike, 0, 4); // xfs's superblock magic
            Path unknown = Files.write(temp.resolve("xfs-like.raw"), xfsLike);
            ContentException helped = assertThrows(ContentException.class,
                    () -> source.open(location(Map.of("image", unknown.toString(), "format", "raw"))));
            assertEquals("stand-in helper VM: nothing mounted", helped.getMessage());
            assertEquals(1, helperOpens.get(), "a file system only the helper VM may know goes to it");

            byte[] lateLabel = new byte[4 * 1024 * 1024];
            lateLabel[64 * 1024 + 64] = '_'; // where btrfs keeps its magic
            Path btrfsLike = Files.write(temp.resolve("late-label.raw"), lateLabel);
            assertThrows(ContentException.class,
                    () -> source.open(location(Map.of("image", btrfsLike.toString(), "format", "raw"))));
            assertEquals(2, helperOpens.get(), "a label past the first sectors still counts as something");
        } finally {
            registration.unregister();
        }
    }

    @Test
    void aMissingImageIsUnavailable() {
        ContentException e = assertThrows(ContentException.class,
                () -> source.open(location(Map.of("image", temp.resolve("gone.raw").toString(), "format", "raw"))));
        assertEquals(Reason.UNAVAILABLE, e.reason());
    }

    @Test
    void aRootThatClimbsOutIsInvalid() {
        for (String root : List.of("/home/..", "../etc", "/home/./alice")) {
            ContentException e = assertThrows(ContentException.class,
                    () -> source.open(location(Map.of("image", image.toString(), "format", "raw", "root", root))), root);
            assertEquals(Reason.INVALID, e.reason(), root);
        }
    }

    private static ContentLocation location(Map<String, String> attributes) {
        return new ContentLocation("disk:test", "disk", attributes);
    }

    private static String read(ContentView view, String path) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ContentReader reader = view.open(path)) {
            byte[] buffer = new byte[5];
            long position = 0;
            int n;
            while ((n = reader.read(position, buffer, 0, buffer.length)) > 0) {
                out.write(buffer, 0, n);
                position += n;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * The disk ContentSource, once the ext4 reader and both partition tables are there too (its references to
     * them are dynamic: without them it would see no file system).
     */
    private static ContentSource awaitDiskSource() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(DiskContentSourceTest.class).getBundleContext();
        ServiceTracker<ContentSource, ContentSource> sources = new ServiceTracker<>(context,
                context.createFilter("(&(objectClass=" + ContentSource.class.getName() + ")("
                        + ContentSource.BACKEND_PROPERTY + "=disk))"), null);
        ServiceTracker<FileSystemType, FileSystemType> fileSystems = new ServiceTracker<>(context, FileSystemType.class, null);
        ServiceTracker<PartitionTableType, PartitionTableType> tables = new ServiceTracker<>(context,
                PartitionTableType.class, null);
        sources.open();
        fileSystems.open();
        tables.open();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                ContentSource found = sources.waitForService(200);
                boolean ext = fileSystems.getServices(new FileSystemType[0]).length > 0
                        && java.util.Arrays.stream(fileSystems.getServices(new FileSystemType[0]))
                                .anyMatch(t -> t.name().equals("ext4"));
                if (found != null && ext && tables.size() >= 2) {
                    return found;
                }
                fileSystems.waitForService(200);
            }
        } finally {
            tables.close();
            fileSystems.close();
            sources.close();
        }
        return fail("no disk ContentSource with the ext4 reader and the mbr and gpt tables within 30 s");
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail(command + " did not finish");
        }
        if (process.exitValue() != 0) {
            fail(command + " exited with " + process.exitValue() + ":\n" + new String(output, StandardCharsets.UTF_8));
        }
    }
}
