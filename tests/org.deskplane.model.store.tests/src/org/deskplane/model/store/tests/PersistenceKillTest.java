package org.deskplane.model.store.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.deskplane.model.Inventory;
import org.deskplane.model.store.internal.FileModelStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * THE persistence kill test: a child JVM saves the inventory in a tight loop and is killed with SIGKILL at a
 * random moment, 100 times. After every kill the stored model must load, be whole, and hold either the last
 * revision the child finished saving or the one it was saving when it died.
 */
class PersistenceKillTest {

    private static final int KILLS = 100;
    /** Bundles whose code the child needs: EMF, the model, the store (host) and this fragment (the child's main). */
    private static final List<String> CHILD_BUNDLES = List.of("org.eclipse.emf.common", "org.eclipse.emf.ecore",
            "org.eclipse.emf.ecore.xmi", "org.deskplane.model", "org.deskplane.model.store",
            "org.deskplane.model.store.tests");

    @TempDir
    Path temp;
    private Path directory;
    private Path childErrors;

    @Test
    void killedWriterLeavesThePreviousOrTheNewModelNeverATornOne() throws Exception {
        directory = Files.createDirectories(temp.resolve("model"));
        childErrors = temp.resolve("child-stderr.log");
        List<String> command = childCommand();
        Random random = new Random();
        long lastKnown = 0;
        long childSaves = 0;
        int killedMidSave = 0;
        for (int kill = 1; kill <= KILLS; kill++) {
            Process child = new ProcessBuilder(command).redirectError(childErrors.toFile()).start();
            BlockingQueue<String> lines = readLines(child);
            Progress progress = new Progress(lastKnown);
            try {
                String first = lines.poll(30, TimeUnit.SECONDS);
                assertNotNull(first, "child did not start within 30 s");
                assertEquals("loaded " + lastKnown, first, () -> "the child must see what the last one left; its stderr: "
                        + readQuietly(childErrors) + "\ncommand: " + command);
                // a random moment: mostly inside the warmed-up save loop, sometimes before the first save
                if (random.nextInt(10) != 0) {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while (progress.completed == 0 && System.nanoTime() < deadline) {
                        String line = lines.poll(1, TimeUnit.SECONDS);
                        assertTrue(line == null || !line.equals(EOF), () -> "child died: " + readQuietly(childErrors));
                        progress.accept(line);
                    }
                    assertTrue(progress.completed > 0, "child completed no save within 30 s");
                    Thread.sleep(random.nextInt(25));
                }
            } finally {
                child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no flushing
                assertTrue(child.waitFor(30, TimeUnit.SECONDS), "killed child did not exit");
            }
            for (String line; (line = lines.poll(10, TimeUnit.SECONDS)) != null && !line.equals(EOF);) {
                progress.accept(line);
            }
            long saved = progress.saved;
            long saving = progress.saving;
            childSaves += progress.completed;
            if (saving != saved) {
                killedMidSave++;
            }

            Inventory onDisk = new FileModelStore(directory).load("inventory", Inventory.class);
            long found = onDisk.getRevision();
            // the old or the new content: never older than the last save the child confirmed, never past the one it
            // was in (one more is allowed: a SIGKILL can cut off the child's last "saving" line after the save ran)
            if (found < saved || found > saving + 1) {
                fail("after kill " + kill + " the model holds revision " + found + "; expected " + saved
                        + " (last saved) to " + (saving + 1) + " (being saved)");
            }
            if (found == 0) { // nothing saved yet: the store answers an empty inventory
                assertTrue(onDisk.getVirtualMachines().isEmpty(), "after kill " + kill);
            } else {
                assertNull(SampleInventories.inconsistency(onDisk), "after kill " + kill);
            }
            lastKnown = found;
        }
        // most runs wait for a first completed save, so this only fails if the children never really wrote
        assertTrue(childSaves >= KILLS / 2, "the children completed only " + childSaves + " saves in " + KILLS
                + " runs: the kills did not land during save loops");
        System.out.println("PersistenceKillTest: " + KILLS + " kills (" + killedMidSave + " in the middle of a save), "
                + childSaves + " completed saves, final revision " + lastKnown);
    }

    /** What the child said about its saves. */
    private static final class Progress {
        long saved;
        long saving;
        long completed;

        Progress(long start) {
            saved = start;
            saving = start;
        }

        void accept(String line) {
            if (line == null || line.equals(EOF)) {
                return;
            }
            long revision = Long.parseLong(line.substring(line.indexOf(' ') + 1));
            if (line.startsWith("saving ")) {
                saving = revision;
            } else if (line.startsWith("saved ")) {
                saved = revision;
                completed++;
            }
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static final String EOF = "\u0000eof";

    private static BlockingQueue<String> readLines(Process child) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null;) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the pipe breaks when the child is killed; what was read is in the queue
            } finally {
                lines.add(EOF);
            }
        }, "kill-test-child-stdout");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    /** The same java as this test runs on, with a class path made of the running bundles' files. */
    private List<String> childCommand() throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
        BundleContext context = FrameworkUtil.getBundle(PersistenceKillTest.class).getBundleContext();
        List<String> classPath = new ArrayList<>();
        for (String symbolicName : CHILD_BUNDLES) {
            classPath.addAll(classPathOf(context, findBundle(context, symbolicName)));
        }
        return List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-cp",
                String.join(File.pathSeparator, classPath), KillLoopWriter.class.getName(), directory.toString());
    }

    private static Bundle findBundle(BundleContext context, String symbolicName) {
        Bundle best = null;
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())
                    && (best == null || bundle.getVersion().compareTo(best.getVersion()) > 0)) {
                best = bundle;
            }
        }
        assertNotNull(best, "bundle " + symbolicName + " is not installed in the test framework");
        return best;
    }

    /**
     * Where a bundle's classes are. Under tycho-surefire a location looks like
     * {@code initial@reference:file:../../x.jar}: a file URL, possibly relative to the framework's own folder
     * (that is how Equinox reads {@code osgi.bundles}). A folder of a bundle built in this reactor may keep its
     * classes in an output folder rather than at its root.
     */
    private static List<String> classPathOf(BundleContext context, Bundle bundle) {
        String location = bundle.getLocation();
        System.out.println("PersistenceKillTest: " + bundle.getSymbolicName() + " at " + location);
        String spec = location.substring(location.indexOf('@') + 1); // drop "initial@"
        if (spec.startsWith("reference:")) {
            spec = spec.substring("reference:".length());
        }
        if (!spec.startsWith("file:")) {
            fail("cannot turn the location of " + bundle.getSymbolicName() + " into a path: " + location);
        }
        String filePart = spec.substring("file:".length());
        Path path = resolveAgainstFrameworkFolders(context, filePart);
        if (path == null) {
            fail("no file for " + bundle.getSymbolicName() + " at " + location);
        }
        List<String> entries = new ArrayList<>();
        if (Files.isDirectory(path)) {
            for (String output : new String[] {"target/classes", "bin"}) {
                if (Files.isDirectory(path.resolve(output))) {
                    entries.add(path.resolve(output).toString());
                }
            }
        }
        entries.add(path.toString());
        return entries;
    }

    private static Path resolveAgainstFrameworkFolders(BundleContext context, String filePart) {
        String decoded = URLDecoder.decode(filePart.replace("+", "%2B"), StandardCharsets.UTF_8);
        Path given = Path.of(decoded);
        if (given.isAbsolute()) {
            return Files.exists(given) ? given : null;
        }
        List<Path> bases = new ArrayList<>();
        for (String property : new String[] {"osgi.syspath", "osgi.framework", "osgi.install.area",
                "osgi.configuration.area"}) {
            String value = context.getProperty(property);
            if (value == null) {
                continue;
            }
            String folder = value.startsWith("file:") ? value.substring("file:".length()) : value;
            Path base = Path.of(URLDecoder.decode(folder.replace("+", "%2B"), StandardCharsets.UTF_8));
            bases.add(property.equals("osgi.framework") ? base.getParent() : base);
        }
        bases.add(Path.of(System.getProperty("user.dir")));
        for (Path base : bases) {
            Path candidate = base.resolve(given).normalize();
            if (Files.isRegularFile(candidate) || Files.isRegularFile(candidate.resolve("META-INF/MANIFEST.MF"))) {
                return candidate;
            }
        }
        return null;
    }
}
