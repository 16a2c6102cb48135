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
        // every line must be in the pipe before the next step: a SIGKILL loses whatever is still buffered
        java.io.PrintStream out = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
        FileModelStore store = new FileModelStore(Path.of(args[0]));
        long revision = store.load("inventory", Inventory.class).getRevision();
        out.println("loaded " + revision);
        while (true) {
            revision++;
            Inventory next = SampleInventories.full(revision);
            out.println("saving " + revision);
            store.save("inventory", next);
            out.println("saved " + revision);
        }
    }
}
