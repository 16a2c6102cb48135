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
import java.net.URI;
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
    Path directory;

    @Test
    void killedWriterLeavesThePreviousOrTheNewModelNeverATornOne() throws Exception {
        List<String> command = childCommand();
        Random random = new Random();
        long lastKnown = 0;
        long childSaves = 0;
        for (int kill = 1; kill <= KILLS; kill++) {
            Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            BlockingQueue<String> lines = readLines(child);
            try {
                String first = lines.poll(30, TimeUnit.SECONDS);
                assertNotNull(first, "child did not start within 30 s");
                assertEquals("loaded " + lastKnown, first, "the child must see what the last one left");
                // a random moment: right away, or some milliseconds into the save loop
                int pause = random.nextInt(40);
                if (pause > 0) {
                    Thread.sleep(pause);
                }
            } finally {
                child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no flushing
                assertTrue(child.waitFor(30, TimeUnit.SECONDS), "killed child did not exit");
            }
            long saved = lastKnown;
            long saving = lastKnown;
            for (String line; (line = lines.poll(10, TimeUnit.SECONDS)) != null && !line.equals(EOF);) {
                long revision = Long.parseLong(line.substring(line.indexOf(' ') + 1));
                if (line.startsWith("saving ")) {
                    saving = revision;
                } else if (line.startsWith("saved ")) {
                    saved = revision;
                    childSaves++;
                }
            }

            Inventory onDisk = new FileModelStore(directory).load("inventory", Inventory.class);
            long found = onDisk.getRevision();
            if (found != saved && found != saving) {
                fail("after kill " + kill + " the model holds revision " + found + "; expected " + saved
                        + " (last saved) or " + saving + " (being saved)");
            }
            assertNull(SampleInventories.inconsistency(onDisk), "after kill " + kill);
            lastKnown = found;
        }
        assertTrue(childSaves > KILLS, "the children completed only " + childSaves + " saves in " + KILLS
                + " runs: the kills did not land during save loops");
        System.out.println("PersistenceKillTest: " + KILLS + " kills, " + childSaves + " completed saves, final revision "
                + lastKnown);
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
            classPath.addAll(classPathOf(findBundle(context, symbolicName)));
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
     * Where a bundle's classes are: its location is {@code reference:file:<jar or folder>} under tycho-surefire.
     * A folder of a bundle built in this reactor may keep its classes in an output folder instead of its root.
     */
    private static List<String> classPathOf(Bundle bundle) {
        String location = bundle.getLocation();
        String fileUri = location.startsWith("reference:") ? location.substring("reference:".length()) : location;
        if (!fileUri.startsWith("file:")) {
            fail("cannot turn the location of " + bundle.getSymbolicName() + " into a path: " + location);
        }
        Path path = fileUri.startsWith("file:/") ? Path.of(URI.create(fileUri.replace(" ", "%20")))
                : Path.of(fileUri.substring("file:".length())).toAbsolutePath();
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
}
