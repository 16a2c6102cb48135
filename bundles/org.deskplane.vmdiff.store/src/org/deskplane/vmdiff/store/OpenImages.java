package org.deskplane.vmdiff.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.deskplane.vmdiff.qcow2.Qcow2Image;

/**
 * The few overlays being read right now, kept open: a pull reads thousands of clusters from one generation, and
 * parsing its tables for each would cost more than the reads. Published generations never change, so a cached
 * image stays right until its files are pruned.
 */
final class OpenImages implements AutoCloseable {
    private static final int KEEP = 4;
    private final Map<Path, Qcow2Image> open = new LinkedHashMap<>(8, 0.75f, true);

    synchronized Qcow2Image image(Path generationFolder) throws IOException {
        Qcow2Image image = open.get(generationFolder);
        if (image == null) {
            image = Qcow2Image.open(generationFolder.resolve(DifferenceCopy.DISK));
            open.put(generationFolder, image);
            if (open.size() > KEEP) {
                var eldest = open.entrySet().iterator().next();
                open.remove(eldest.getKey());
                eldest.getValue().close();
            }
        }
        return image;
    }

    synchronized void forget(Path generationFolder) throws IOException {
        Qcow2Image image = open.remove(generationFolder);
        if (image != null) {
            image.close();
        }
    }

    @Override
    public synchronized void close() throws IOException {
        for (Qcow2Image image : open.values()) {
            image.close();
        }
        open.clear();
    }
}
