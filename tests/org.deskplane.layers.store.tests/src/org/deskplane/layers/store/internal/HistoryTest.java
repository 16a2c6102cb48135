package org.deskplane.layers.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.deskplane.layers.api.CvdVersion;
import org.deskplane.layers.api.Layer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A month of simulated history (30 days, three uploads a day with edits, appends, deletions and new files, garbage
 * collected every week), then the version of day 10 restored into a fresh folder must equal the copy of the tree
 * kept that day, byte for byte.
 */
class HistoryTest {

    @TempDir
    Path dir;

    @Test
    void aMonthLaterTheVersionOfDayTenRestoresByteIdentical() throws Exception {
        Path tree = dir.resolve("endpoint");
        Path dayTen = dir.resolve("day10-copy");
        FileCvdStore store = Fixtures.store(dir.resolve("store"), 0);
        store.create("alice", "alice");
        SplittableRandom random = new SplittableRandom(2026);
        for (int i = 0; i < 120; i++) {
            Fixtures.writeRandomFile(tree.resolve("docs/d" + i % 7 + "/file" + i + ".dat"), random.nextLong(), random.nextInt(300_000));
        }
        long head = 0;
        long versionOfDayTen = 0;
        int nextName = 1000;
        for (int day = 1; day <= 30; day++) {
            for (int upload = 0; upload < 3; upload++) {
                List<Path> files = files(tree);
                for (int change = 0; change < 8; change++) {
                    Path victim = files.remove(random.nextInt(files.size())); // each file changes once per upload
                    switch (random.nextInt(4)) {
                        case 0 -> edit(victim, random);
                        case 1 -> Files.write(victim, Fixtures.bytes(random.nextLong(), 1 + random.nextInt(5000)),
                                java.nio.file.StandardOpenOption.APPEND);
                        case 2 -> Files.deleteIfExists(victim);
                        default -> Fixtures.writeRandomFile(tree.resolve("new/day" + day + "/file" + nextName++ + ".dat"),
                                random.nextLong(), random.nextInt(200_000));
                    }
                }
                CvdVersion v = store.publish("alice", Fixtures.upload(head, 0, new TreeUpload().upload(store, tree, Layer.USER_FILES)));
                head = v.number();
            }
            if (day == 10) {
                versionOfDayTen = head;
                copy(tree, dayTen);
            }
            if (day % 7 == 0) {
                store.collectGarbage();
            }
        }
        assertEquals(90, head);
        CvdVersion restored = store.restore("alice", versionOfDayTen, "back to day 10");
        assertEquals(91, restored.number());
        assertTrue(store.verify().ok());

        Path fresh = dir.resolve("fresh-endpoint");
        Files.createDirectories(fresh);
        TreeUpload.materialize(Fixtures.store(dir.resolve("store")), store.manifest("alice", restored.number(), Layer.USER_FILES), fresh);
        List<Path> expected = files(dayTen).stream().map(dayTen::relativize).toList();
        List<Path> actual = files(fresh).stream().map(fresh::relativize).toList();
        assertEquals(expected, actual);
        for (Path relative : expected) {
            assertEquals(-1, Files.mismatch(dayTen.resolve(relative), fresh.resolve(relative)), relative.toString());
        }
        assertTrue(expected.size() > 100, "a real tree was compared: " + expected.size());
    }

    private static void edit(Path file, SplittableRandom random) throws IOException {
        byte[] content = Files.readAllBytes(file);
        if (content.length > 0) {
            content[random.nextInt(content.length)] ^= 0x55;
            Files.write(file, content);
        }
    }

    private static List<Path> files(Path root) throws IOException {
        try (var walk = Files.walk(root)) {
            return new ArrayList<>(walk.filter(Files::isRegularFile).sorted().toList());
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        for (Path file : files(from)) {
            Path target = to.resolve(from.relativize(file).toString());
            Files.createDirectories(target.getParent());
            Files.copy(file, target);
        }
    }
}
