package org.deskplane.vmdiff.store.tests;

import org.deskplane.vmdiff.testing.Images;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.stream.Stream;

import org.deskplane.vmdiff.api.Generation;
import org.deskplane.vmdiff.qcow2.Qcow2Image;
import org.deskplane.vmdiff.store.DifferenceCopy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * Kill -9 during publish: a child JVM captures generations one after another and is killed at random moments. After
 * every kill the copy opens cleanly, every generation it acknowledged is there unchanged, the newest one verifies
 * cluster by cluster and block by block, and no half-staged generation is left.
 */
class PublishKillTest {
    private static final int ROUNDS = Integer.getInteger("deskplane.vmdiff.killRounds", 25);

    @TempDir
    Path dir;

    @Test
    void thePreviousGenerationStaysValidWhenPublishIsKilled() throws Exception {
        Path classes = dir.resolve("classes");
        copyClasses(FrameworkUtil.getBundle(DifferenceCopy.class), "org/deskplane/vmdiff/store", classes);
        copyClasses(FrameworkUtil.getBundle(Qcow2Image.class), "org/deskplane/vmdiff/qcow2", classes);
        copyClasses(FrameworkUtil.getBundle(Generation.class), "org/deskplane/vmdiff/api", classes);
        copyClasses(FrameworkUtil.getBundle(PublishKillTest.class), "org/deskplane/vmdiff/store/tests", classes);
        Path root = dir.resolve("copy");
        String sha;
        try (DifferenceCopy copy = new DifferenceCopy(root, "host-k")) {
            sha = copy.installBase(Images.base(dir, 4, 11), "raw", null);
        }
        Path acks = dir.resolve("acks");
        Random random = new Random(99);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        int killedAfterAPublish = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Process child = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-Xmx256m", "-cp", classes.toString(),
                    PublishKillChild.class.getName(), root.toString(), acks.toString(), sha, Long.toString(round))
                    .redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            if (!"ready".equals(first)) {
                child.destroyForcibly();
                fail("child did not start: " + first);
            }
            int before = acknowledged(acks).size();
            if (round % 2 == 0) { // half the rounds: wait for one publish so the kill lands amid steady work
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (acknowledged(acks).size() == before && child.isAlive() && System.nanoTime() < deadline) {
                    child.waitFor(5, TimeUnit.MILLISECONDS);
                }
            }
            child.waitFor(random.nextInt(400), TimeUnit.MILLISECONDS);
            assertTrue(child.isAlive(), "the child ended by itself");
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            if (acknowledged(acks).size() > before) {
                killedAfterAPublish++;
            }
            check(root, acknowledged(acks), round);
        }
        System.out.println("vmdiff kill test: " + ROUNDS + " kills, " + acknowledged(acks).size()
                + " acknowledged generations, " + killedAfterAPublish + " kills after a publish in the same run");
        assertTrue(killedAfterAPublish >= ROUNDS / 3, "kills landed amid publishing: " + killedAfterAPublish);
    }

    private static void check(Path root, List<String[]> acknowledged, int round) throws Exception {
        try (DifferenceCopy copy = new DifferenceCopy(root, "host-k")) {
            try (Stream<Path> files = Files.walk(root)) {
                assertFalse(files.anyMatch(p -> p.getFileName().toString().startsWith(".staging-")),
                        "round " + round + ": a half-staged generation was left");
            }
            List<Generation> generations = copy.generations("kill");
            for (String[] ack : acknowledged) {
                long number = Long.parseLong(ack[0]);
                Generation g = copy.generation("kill", number).orElseThrow(
                        () -> new AssertionError("round " + round + ": acknowledged generation " + number + " is gone"));
                assertEquals(ack[1], g.contentHash(), "round " + round + ": generation " + number + " changed");
            }
            for (int i = 0; i < generations.size(); i++) {
                assertEquals(i + 1, generations.get(i).number(), "round " + round + ": numbers without gaps");
                if (i > 0) {
                    assertEquals(generations.get(i - 1).contentHash(), generations.get(i).parentHash());
                }
            }
            if (!generations.isEmpty()) {
                copy.verify("kill", generations.get(generations.size() - 1).number());
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

    /** The classes the child needs, written out of the bundles whatever form (jar or folder) they have here. */
    private static void copyClasses(Bundle bundle, String packagePath, Path target) throws IOException {
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
}
