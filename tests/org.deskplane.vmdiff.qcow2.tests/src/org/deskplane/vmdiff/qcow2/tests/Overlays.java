package org.deskplane.vmdiff.qcow2.tests;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

import org.deskplane.vmdiff.qcow2.ClusterEntry;
import org.deskplane.vmdiff.qcow2.ClusterKind;
import org.deskplane.vmdiff.qcow2.Qcow2Image;
import org.deskplane.vmdiff.qcow2.Qcow2Writer;

/** Lists overlays with {@link Qcow2Image} and copies them with {@link Qcow2Writer}. */
final class Overlays {

    private Overlays() {
    }

    static List<ClusterEntry> listing(Path image) throws IOException {
        try (Qcow2Image qcow2 = Qcow2Image.open(image)) {
            return listing(qcow2);
        }
    }

    static List<ClusterEntry> listing(Qcow2Image image) throws IOException {
        List<ClusterEntry> entries = new ArrayList<>();
        for (Iterator<ClusterEntry> it = image.allocated(); it.hasNext();) {
            entries.add(it.next());
        }
        return entries;
    }

    /**
     * Copies what {@code source} itself holds into a new v3 overlay with the same backing file, writing the
     * clusters in a seeded random order (the writer must accept any order).
     */
    static Path copy(Path source, Path target, long seed) throws IOException {
        try (Qcow2Image image = Qcow2Image.open(source);
                Qcow2Writer writer = Qcow2Writer.create(target, image.virtualSize(), image.clusterSize(),
                        image.backingFile().orElse(null), image.backingFormat().orElse(null))) {
            List<ClusterEntry> entries = listing(image);
            Collections.shuffle(entries, new Random(seed));
            ByteBuffer cluster = ByteBuffer.allocate(image.clusterSize());
            for (ClusterEntry entry : entries) {
                if (entry.kind() == ClusterKind.ZERO) {
                    writer.zeroCluster(entry.guestIndex());
                } else {
                    image.readCluster(entry.guestIndex(), cluster.clear());
                    writer.writeCluster(entry.guestIndex(), cluster.flip());
                }
            }
            writer.finish();
        }
        return target;
    }
}
