package org.deskplane.layers.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.deskplane.layers.api.Cvd;
import org.deskplane.layers.api.CvdVersion;
import org.deskplane.layers.api.Layer;
import org.deskplane.layers.api.VerifyReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * kill -9 at random moments of upload, publish and garbage collection: a child JVM ({@link KillChild}) works on a
 * store folder and is killed with destroyForcibly; after each kill the store is opened (recovery), verified, its
 * head read back completely, and every version the child had acknowledged must still be there unchanged.
 */
class KillTest {

    private static final int ROUNDS = Integer.getInteger("deskplane.layers.killRounds", 150);

    @TempDir
    Path dir;

    @Test
    void theStoreSurvivesKillMinusNineAtAnyPoint() throws Exception {
        Path classes = dir.resolve("classes");
        copyClasses(FrameworkUtil.getBundle(FileCvdStore.class), "org/deskplane/layers/store/internal", classes);
        copyClasses(FrameworkUtil.getBundle(Cvd.class), "org/deskplane/layers/api", classes);
        Path store = dir.resolve("store");
        Path acks = dir.resolve("acks.log");
        Random random = new Random(42);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long killedWhilePublishing = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Process child = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Xmx256m", "-cp",
                    classes.toString(), KillChild.class.getName(), store.toString(), acks.toString(), Long.toString(round))
                    .redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            if (!"ready".equals(first)) {
                String rest = child.waitFor(10, TimeUnit.SECONDS) ? drain(out) : "";
                child.destroyForcibly();
                fail("child did not start: " + first + "\n" + rest);
            }
            long acknowledgedBefore = acknowledged(acks).size();
            if (round % 2 == 0) {
                // every other round: once the child has published in this run (so kills land amid steady work,
                // however loaded the machine), polled with a deadline
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (acknowledged(acks).size() == acknowledgedBefore && child.isAlive() && System.nanoTime() < deadline) {
                    child.waitFor(5, TimeUnit.MILLISECONDS);
                }
            }
            // then a random moment of its work (odd rounds: anywhere from its start); the child never stops by itself
            child.waitFor(random.nextInt(300), TimeUnit.MILLISECONDS);
            if (!child.isAlive()) {
                fail("child ended by itself with " + child.exitValue() + ":\n" + drain(out));
            }
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "killed child did not end");
            if (acknowledged(acks).size() > acknowledgedBefore) {
                killedWhilePublishing++;
            }
            check(store, acknowledged(acks), round);
        }
        List<String[]> all = acknowledged(acks);
        System.out.println("kill-test: " + ROUNDS + " kills, " + all.size() + " acknowledged versions kept, "
                + killedWhilePublishing + " kills while publishing");
        assertTrue(killedWhilePublishing >= ROUNDS / 2, "half the kills came after publishing had begun: " + killedWhilePublishing);
    }

    private static void check(Path root, List<String[]> acknowledged, int round) throws Exception {
        FileCvdStore store = Fixtures.store(root, 200);
        VerifyReport report = store.verify();
        assertTrue(report.ok(), "round " + round + ": " + report.problems());
        assertEquals(0, countFiles(root.resolve("tmp")), "temp files are cleaned at start");
        Cvd cvd = store.find("kill").orElseThrow();
        for (String[] ack : acknowledged) {
            long number = Long.parseLong(ack[0]);
            CvdVersion version = store.version("kill", number);
            assertEquals(ack[1], version.layers().get(Layer.USER_FILES), "round " + round + ": version " + number + " changed");
            assertTrue(cvd.head() >= number, "round " + round + ": head " + cvd.head() + " is behind acknowledged " + number);
        }
        if (cvd.head() > 0) {
            for (Layer layer : store.version("kill", cvd.head()).layers().keySet()) {
                for (var entry : store.manifest("kill", cvd.head(), layer).entries()) {
                    var whole = Hashes.sha256();
                    for (String chunk : entry.chunks()) {
                        whole.update(store.readChunk(chunk));
                    }
                    assertEquals(entry.contentHash(), Hashes.hex(whole.digest()), "round " + round + ": " + entry.path());
                }
            }
        }
    }

    private static List<String[]> acknowledged(Path acks) throws IOException {
        List<String[]> lines = new ArrayList<>();
        if (Files.exists(acks)) {
            for (String line : Files.readAllLines(acks, StandardCharsets.US_ASCII)) {
                String[] parts = line.split(" ");
                if (parts.length == 2 && parts[1].length() == 64) { // a line cut by the kill was not acknowledged
                    lines.add(parts);
                }
            }
        }
        return lines;
    }

    private static long countFiles(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.count();
        }
    }

    /** The classes the child needs, written out of the bundles whatever form (jar or folder) they have here. */
    private static void copyClasses(Bundle bundle, String packagePath, Path target) throws IOException {
        // from the root: a bundle run from its build folder keeps its classes below target/classes/
        Enumeration<URL> entries = bundle.findEntries("/", "*.class", true);
        int copied = 0;
        while (entries != null && entries.hasMoreElements()) {
            URL url = entries.nextElement();
            String path = url.getPath();
            if (!path.contains(packagePath + "/")) {
                continue;
            }
            Path file = target.resolve(path.substring(path.indexOf(packagePath)));
            Files.createDirectories(file.getParent());
            try (InputStream in = url.openStream()) {
                Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            copied++;
        }
        assertTrue(copied > 0, "no classes of " + packagePath + " in " + bundle.getSymbolicName());
    }

    private static String drain(BufferedReader out) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line = out.readLine(); line != null && text.length() < 10_000; line = out.readLine()) {
            text.append(line).append('\n');
        }
        return text.toString();
    }
}
