package org.deskplane.layers.pivot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.deskplane.layers.api.FileEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.wiring.BundleWiring;

/**
 * kill -9 of a real pivot: a child JVM pivots a few hundred files and is killed with SIGKILL at a random moment
 * within (and around) the pivot's duration; the recovered tree must hash to the old or the new tree, and an old tree
 * must still pivot to the new one (the staging area survived). Iterations: {@code -Ddeskplane.pivot.killIterations}.
 */
class PivotKillTest {

    private static final int ITERATIONS = Integer.getInteger("deskplane.pivot.killIterations", 300);

    @TempDir
    Path base;

    private Path classes;
    private Path old;
    private Path neu;
    private String oldHash;
    private String newHash;

    @BeforeEach
    void prepare() throws IOException {
        classes = base.resolve("classes");
        extractClasses(FrameworkUtil.getBundle(Pivot.class), "/org/deskplane/layers/pivot");
        extractClasses(FrameworkUtil.getBundle(FileEntry.class), "/org/deskplane/layers/api");
        old = base.resolve("old");
        neu = base.resolve("new");
        Trees.generate(old, neu, 20, 15, 42); // 300 files, about 200 steps
        oldHash = Trees.hash(old);
        newHash = Trees.hash(neu);
        // Staged and sealed once; each iteration copies it (sealing syncs every staged file: too slow to repeat).
        Trees.stageDifference(old, neu, base.resolve("template/state"), "v2");
    }

    @Test
    void killedPivotLeavesOldOrNewTree() throws Exception {
        long duration = Math.max(TimeUnit.MILLISECONDS.toNanos(1), runChild("warmup", false, 0));
        Random random = new Random(4242);
        int sawOld = 0, sawNew = 0, interrupted = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            String name = "i" + i;
            long delay = (long) (random.nextDouble() * duration * 1.2);
            runChild(name, true, delay);
            Path root = base.resolve(name + "/root");
            Path state = base.resolve(name + "/state");
            Pivot pivot = new Pivot(state);
            if (pivot.recoveryNeeded()) {
                interrupted++;
            }
            pivot.recover(root);
            String after = Trees.hash(root);
            assertTrue(Set.of(oldHash, newHash).contains(after), "mixed tree after kill at +" + delay + "ns (iteration " + i + ")");
            if (after.equals(oldHash)) {
                sawOld++;
                new Pivot(state).apply(root);
                assertEquals(newHash, Trees.hash(root), "an old tree must still pivot (iteration " + i + ")");
            } else {
                sawNew++;
            }
            deleteQuietly(base.resolve(name));
        }
        System.out.printf("pivot kill test: %d iterations, pivot %.1f ms, old %d, new %d, interrupted mid-pivot %d%n",
                ITERATIONS, duration / 1e6, sawOld, sawNew, interrupted);
        assertEquals(ITERATIONS, sawOld + sawNew);
        assertTrue(interrupted > 0, "no kill landed inside a pivot");
    }

    /** Runs one child pivot; kills it {@code delayNanos} after GO when asked; returns the pivot's duration. */
    private long runChild(String name, boolean kill, long delayNanos) throws Exception {
        Path root = base.resolve(name + "/root");
        Path state = base.resolve(name + "/state");
        Trees.copy(old, root);
        Trees.copy(base.resolve("template/state"), state);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                classes.toString(), PivotKillChild.class.getName(), state.toString(), root.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("READY", out.readLine());
            OutputStream in = child.getOutputStream();
            in.write("GO\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            if (kill) {
                LockSupport.parkNanos(delayNanos);
                child.destroyForcibly(); // SIGKILL on Linux
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
                return 0;
            }
            String done = out.readLine();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
            assertTrue(done != null && done.startsWith("DONE "), "child finished: " + done);
            assertEquals(newHash, Trees.hash(root));
            return Long.parseLong(done.substring(5));
        } finally {
            child.destroyForcibly();
        }
    }

    private void extractClasses(Bundle bundle, String packagePath) throws IOException {
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        List<String> names = new ArrayList<>(
                wiring.listResources(packagePath, "*.class", BundleWiring.LISTRESOURCES_RECURSE | BundleWiring.LISTRESOURCES_LOCAL));
        assertTrue(!names.isEmpty(), "classes of " + bundle.getSymbolicName());
        for (String name : names) {
            URL url = wiring.getClassLoader().getResource(name);
            Path target = classes.resolve(name);
            Files.createDirectories(target.getParent());
            try (InputStream s = url.openStream()) {
                Files.copy(s, target);
            }
        }
    }

    private static void deleteQuietly(Path dir) throws IOException {
        org.deskplane.layers.pivot.internal.DurableFiles.deleteTree(dir);
    }
}
