package org.deskplane.model.store.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
    private String childClassPath;

    @Test
    void killedWriterLeavesThePreviousOrTheNewModelNeverATornOne() throws Exception {
        directory = Files.createDirectories(temp.resolve("model"));
        childErrors = temp.resolve("child-stderr.log");
        Random random = new Random();
        long lastKnown = 0;
        long childSaves = 0;
        int killedMidSave = 0;
        for (int kill = 1; kill <= KILLS; kill++) {
            Path progressFile = temp.resolve("progress-" + kill + ".log");
            List<String> command = childCommand(progressFile);
            Process child = new ProcessBuilder(command).redirectError(childErrors.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                Progress started = waitFor(progressFile, child, p -> p.loaded != null);
                assertEquals(lastKnown, started.loaded, () -> "the child must see what the last one left; its stderr: "
                        + readQuietly(childErrors) + "\ncommand: " + command);
                // a random moment: mostly inside the warmed-up save loop, sometimes before the first save
                if (random.nextInt(10) != 0) {
                    waitFor(progressFile, child, p -> p.completed > 0);
                    Thread.sleep(random.nextInt(25));
                }
            } finally {
                child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no flushing
                assertTrue(child.waitFor(30, TimeUnit.SECONDS), "killed child did not exit");
            }
            Progress progress = Progress.read(progressFile, lastKnown);
            childSaves += progress.completed;
            if (progress.saving != progress.saved) {
                killedMidSave++;
            }

            Inventory onDisk = new FileModelStore(directory).load("inventory", Inventory.class);
            long found = onDisk.getRevision();
            if (found != progress.saved && found != progress.saving) {
                fail("after kill " + kill + " the model holds revision " + found + "; expected " + progress.saved
                        + " (last saved) or " + progress.saving + " (being saved)");
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

    /** Polls the child's progress file until the condition holds (30 s at most, failing early if it died). */
    private Progress waitFor(Path progressFile, Process child, java.util.function.Predicate<Progress> condition)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Progress progress = Progress.read(progressFile, -1);
            if (condition.test(progress)) {
                return progress;
            }
            assertTrue(child.isAlive(), () -> "child died: " + readQuietly(childErrors));
            Thread.sleep(2);
        }
        throw new AssertionError("child made no progress within 30 s; stderr: " + readQuietly(childErrors));
    }

    /** What the child wrote about its saves. A torn last line (killed mid-write) is ignored. */
    private static final class Progress {
        Long loaded;
        long saved;
        long saving;
        long completed;

        static Progress read(Path file, long start) throws IOException {
            Progress p = new Progress();
            p.saved = start;
            p.saving = start;
            if (!Files.exists(file)) {
                return p;
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n');
            for (String line : end < 0 ? new String[0] : text.substring(0, end).split("\n")) {
                long revision = Long.parseLong(line.substring(line.indexOf(' ') + 1));
                if (line.startsWith("loaded ")) {
                    p.loaded = revision;
                    p.saved = revision;
                    p.saving = revision;
                } else if (line.startsWith("saving ")) {
                    p.saving = revision;
                } else if (line.startsWith("saved ")) {
                    p.saved = revision;
                    p.completed++;
                }
            }
            return p;
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** The same java as this test runs on, with a class path made of the running bundles' files. */
    private List<String> childCommand(Path progressFile) throws IOException {
        if (childClassPath == null) {
            childClassPath = childClassPath();
        }
        String java = ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-cp", childClassPath,
                KillLoopWriter.class.getName(), directory.toString(), progressFile.toString());
    }

    /** The running bundles' files, so the child runs exactly the code under test. */
    private static String childClassPath() throws IOException {
        BundleContext context = FrameworkUtil.getBundle(PersistenceKillTest.class).getBundleContext();
        List<String> classPath = new ArrayList<>();
        for (String symbolicName : CHILD_BUNDLES) {
            classPath.addAll(classPathOf(context, findBundle(context, symbolicName)));
        }
        return String.join(File.pathSeparator, classPath);
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
