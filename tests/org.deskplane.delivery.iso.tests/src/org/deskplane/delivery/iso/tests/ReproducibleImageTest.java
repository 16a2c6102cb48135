package org.deskplane.delivery.iso.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.deskplane.delivery.iso.IsoImageBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same inputs and timestamp give the same bytes; the timestamp is the only time in the image. */
class ReproducibleImageTest {

    private static final Instant T1 = Instant.parse("2026-11-22T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void rebuildsAreByteIdenticalAndTheTimestampChangesThem() throws Exception {
        Path source = Trees.payload(dir.resolve("src"), 3);
        Path first = build(source, T1, "first.iso");
        // touch every source file: host times must not leak into the image
        try (var stream = Files.walk(source)) {
            for (Path path : (Iterable<Path>) stream::iterator) {
                Files.setLastModifiedTime(path, java.nio.file.attribute.FileTime.from(Instant.now()));
            }
        }
        Path second = build(source, T1, "second.iso");
        assertEquals(Trees.sha256(first), Trees.sha256(second));
        Path later = build(source, T1.plusSeconds(1), "later.iso");
        assertNotEquals(Trees.sha256(first), Trees.sha256(later));
        assertEquals(Files.size(first), Files.size(later));
    }

    @Test
    void addingInAnotherOrderGivesTheSameImage() throws Exception {
        byte[] a = "a".getBytes();
        byte[] b = "b".getBytes();
        ByteArrayOutputStream one = new ByteArrayOutputStream();
        IsoImageBuilder.create("ORDER").addBytes("x/a", a).addBytes("y/b", b).addBytes("x/c", b)
                .writeTo(Channels.newChannel(one), null);
        ByteArrayOutputStream two = new ByteArrayOutputStream();
        IsoImageBuilder.create("ORDER").addBytes("y/b", b).addBytes("x/c", b).addBytes("x/a", a)
                .writeTo(Channels.newChannel(two), null);
        assertArrayEquals(one.toByteArray(), two.toByteArray());
    }

    @Test
    void channelAndFileOutputAreTheSameAndProgressIsReported() throws Exception {
        Path source = Trees.payload(dir.resolve("src"), 4);
        Files.write(source.resolve("big.bin"), Trees.bytes(new java.util.Random(5), 9 << 20));
        IsoImageBuilder builder = IsoImageBuilder.create("CHANNEL").timestamp(T1).addTree(source);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<long[]> reports = new ArrayList<>();
        builder.writeTo(Channels.newChannel(bytes), (written, total) -> reports.add(new long[] {written, total}));
        Path file = dir.resolve("file.iso");
        builder.writeTo(file, null);
        assertEquals(Trees.sha256(file), Trees.sha256(bytes.toByteArray()));
        long total = builder.imageSize();
        assertEquals(total, bytes.size());
        assertTrue(reports.size() >= 2 && reports.size() <= total / (4 << 20) + 1, "reports: " + reports.size());
        assertArrayEquals(new long[] {total, total}, reports.get(reports.size() - 1));
        for (int i = 1; i < reports.size(); i++) {
            assertTrue(reports.get(i)[0] > reports.get(i - 1)[0]);
        }
    }

    private Path build(Path source, Instant time, String name) throws Exception {
        Path image = dir.resolve(name);
        IsoImageBuilder.create("REPRO").timestamp(time).addTree(source).writeTo(image, null);
        return image;
    }
}
