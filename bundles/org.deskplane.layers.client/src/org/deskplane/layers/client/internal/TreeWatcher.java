package org.deskplane.layers.client.internal;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Watches the directories of the user files (inotify on Linux, through the JDK's WatchService) and calls back on any
 * change, so that a saved file goes up within moments instead of at the next period. Directories are (re)registered
 * after every round from the scan; the scan, not the events, decides what changed.
 */
final class TreeWatcher implements AutoCloseable {

    private final WatchService watch;
    private final Map<Path, WatchKey> keys = new HashMap<>();
    private final Runnable changed;
    private final Thread thread;

    TreeWatcher(Runnable changed) throws IOException {
        this.watch = FileSystems.getDefault().newWatchService();
        this.changed = changed;
        this.thread = new Thread(this::run, "deskplane-layers-watch");
        thread.setDaemon(true);
        thread.start();
    }

    /** Watches exactly these directories (at most 8192: beyond that the period catches changes). */
    synchronized void watch(Collection<Path> directories) {
        keys.keySet().removeIf(dir -> {
            if (!directories.contains(dir)) {
                keys.get(dir).cancel();
                return true;
            }
            return false;
        });
        for (Path dir : directories) {
            if (keys.size() >= 8192) {
                break;
            }
            if (!keys.containsKey(dir)) {
                try {
                    keys.put(dir, dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                            StandardWatchEventKinds.ENTRY_MODIFY));
                } catch (IOException e) {
                    // gone or unreadable: the next round's scan sees why
                }
            }
        }
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = watch.take();
                // let a burst of events (an editor saving through a temporary file) settle into one round
                for (WatchKey more = key; more != null; more = watch.poll(150, TimeUnit.MILLISECONDS)) {
                    more.pollEvents();
                    more.reset();
                }
                changed.run();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    @Override
    public void close() throws IOException {
        watch.close();
        thread.interrupt();
    }
}
