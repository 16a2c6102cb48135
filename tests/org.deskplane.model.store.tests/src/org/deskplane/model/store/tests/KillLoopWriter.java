package org.deskplane.model.store.tests;

import java.nio.file.Path;

import org.deskplane.model.Inventory;
import org.deskplane.model.store.internal.FileModelStore;

/**
 * The child process of {@link PersistenceKillTest} (a plain JVM, no OSGi): loads the inventory, then saves it
 * with an ever increasing revision until it is killed. It reports on stdout, before and after each save, so the
 * parent knows which revisions may be on disk when the kill lands.
 */
public final class KillLoopWriter {

    private KillLoopWriter() {
    }

    public static void main(String[] args) throws Exception {
        FileModelStore store = new FileModelStore(Path.of(args[0]));
        // progress goes to a file with one write(2) per line: what was written before the SIGKILL is in the page
        // cache and readable afterwards, unlike what may still sit in a pipe
        try (java.io.FileOutputStream progress = new java.io.FileOutputStream(args[1], true)) {
            long revision = store.load("inventory", Inventory.class).getRevision();
            report(progress, "loaded " + revision);
            while (true) {
                revision++;
                Inventory next = SampleInventories.full(revision);
                report(progress, "saving " + revision);
                store.save("inventory", next);
                report(progress, "saved " + revision);
            }
        }
    }

    private static void report(java.io.FileOutputStream progress, String line) throws java.io.IOException {
        progress.write((line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
