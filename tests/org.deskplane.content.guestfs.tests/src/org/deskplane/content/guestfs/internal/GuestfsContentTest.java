package org.deskplane.content.guestfs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.deskplane.content.api.ContentEntry;
import org.deskplane.content.api.ContentException;
import org.deskplane.content.api.ContentLocation;
import org.deskplane.content.api.ContentReader;
import org.deskplane.content.api.ContentSource;
import org.deskplane.content.api.ContentView;
import org.deskplane.content.api.EntryType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** An xfs image (no in-process reader knows xfs) read through the helper VM, directly and as the disk fallback. */
class GuestfsContentTest {

    @TempDir
    static Path work;
    private static Path image;
    private static Map<String, String> expected;

    @BeforeAll
    static void buildImage() throws Exception {
        Path tree = work.resolve("tree");
        GuestTree.create(tree, 4242);
        expected = GuestTree.expected(tree);
        image = work.resolve("xfs.img");
        Tools.run(work, "truncate", "-s", "320M", image.toString());
        Tools.run(work, "mkfs.xfs", "-q", image.toString());
        // populate without mounting on the host: copy-in runs inside a helper VM of its own
        Tools.run(work, "guestfish", "--format=raw", "-a", image.toString(), "run", ":", "mount", "/dev/sda", "/", ":",
                "copy-in", tree.toString(), "/");
    }

    private static ContentSource source(String backend) throws Exception {
        BundleContext context = FrameworkUtil.getBundle(GuestfsContentTest.class).getBundleContext();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getSymbolicName().startsWith("org.deskplane.") && bundle.getHeaders().get("Fragment-Host") == null
                    && bundle.getState() != Bundle.ACTIVE) {
                bundle.start();
            }
        }
        ServiceTracker<ContentSource, ContentSource> tracker = new ServiceTracker<>(context,
                context.createFilter("(&(objectClass=" + ContentSource.class.getName() + ")("
                        + ContentSource.BACKEND_PROPERTY + "=" + backend + "))"), null);
        tracker.open();
        ContentSource source = tracker.waitForService(30_000);
        assertNotNull(source, "no ContentSource with backend " + backend);
        return source;
    }

    private static ContentLocation location(String backend) {
        return new ContentLocation("disk:test:xfs", backend, Map.of("image", image.toString(), "format", "raw"));
    }

    @Test
    void listsAndReadsTheWholeTreeThroughTheHelperVm() throws Exception {
        ContentView view = source("guestfs").open(location("guestfs"));
        long pid;
        try {
            assertTrue(view.note().contains("read through libguestfs"), view.note());
            assertFalse(view.writable());
            Map<String, String> actual = new TreeMap<>();
            walk(view, "/tree", "", actual);
            assertEquals(expected, actual);
            assertThrows(NoSuchFileException.class, () -> view.stat("/tree/not there"));
            ContentException wrongType = assertThrows(ContentException.class, () -> view.open("/tree/dir 0"));
            assertEquals(ContentException.Reason.WRONG_TYPE, wrongType.reason());
            try (ContentReader reader = view.open("/tree/big.bin")) {
                // a range read from the middle equals the same range of a whole read
                byte[] middle = new byte[5000];
                int n = reader.read(2 * 1024 * 1024 - 100, middle, 0, middle.length);
                assertEquals(middle.length, n);
                assertEquals(-1, reader.read(reader.entry().size(), middle, 0, 10));
            }
            pid = ((GuestfsView) view).helperPid();
            assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        } finally {
            view.close();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "guestfish still runs after close");
    }

    @Test
    void theDiskBackendFallsBackToTheHelperVmForXfs() throws Exception {
        try (ContentView view = source("disk").open(location("disk"))) {
            assertTrue(view.note().contains("read through libguestfs"), view.note());
            Map<String, String> actual = new TreeMap<>();
            walk(view, "/tree", "", actual);
            assertEquals(expected, actual);
        }
    }

    @Test
    void aMissingGuestfishIsUnavailable() throws Exception {
        GuestfsContentSource source = new GuestfsContentSource();
        source.configure(Configurations.with("/nonexistent/guestfish"));
        ContentException e = assertThrows(ContentException.class, () -> source.open(location("guestfs")));
        assertEquals(ContentException.Reason.UNAVAILABLE, e.reason());
        assertTrue(e.getMessage().contains("libguestfs"), e.getMessage());
    }

    private static void walk(ContentView view, String path, String relative, Map<String, String> into)
            throws IOException {
        List<ContentEntry> entries = view.list(path);
        for (ContentEntry entry : entries) {
            String childRelative = relative.isEmpty() ? entry.name() : relative + "/" + entry.name();
            assertEquals(path + "/" + entry.name(), entry.path());
            if (entry.type() == EntryType.DIRECTORY) {
                into.put(childRelative, "d");
                walk(view, entry.path(), childRelative, into);
            } else if (entry.type() == EntryType.SYMLINK) {
                into.put(childRelative, "l " + entry.linkTarget());
            } else {
                into.put(childRelative, "f " + entry.size() + " " + sha256(view, entry.path()));
            }
        }
    }

    private static String sha256(ContentView view, String path) throws IOException {
        var digest = GuestTree.sha256();
        try (ContentReader reader = view.open(path)) {
            byte[] buffer = new byte[3 * 1024 * 1024];
            long position = 0;
            int n;
            while ((n = reader.read(position, buffer, 0, buffer.length)) > 0) {
                digest.update(buffer, 0, n);
                position += n;
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
