package org.deskplane.layers.client.internal;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.deskplane.layers.api.CvdConflictException;
import org.deskplane.layers.api.EntryType;
import org.deskplane.layers.api.Layer;
import org.deskplane.layers.api.LayerManifest;

/**
 * Drives the engine: a round when a watched file changes, when the server's head moves (a long poll), when asked,
 * and at least every period; after an error it waits longer each time (up to a minute), and a version conflict is
 * retried at once (the round pulls first).
 */
final class SyncLoop implements AutoCloseable {

    private final SyncEngine engine;
    private final ServerLink server;
    private final ClientSettings settings;
    private final Consumer<String> log;
    private final Semaphore wake = new Semaphore(0);
    private final Thread syncThread;
    private final Thread headThread;
    private volatile boolean running = true;
    private TreeWatcher watcher;

    SyncLoop(SyncEngine engine, ServerLink server, ClientSettings settings, Consumer<String> log) {
        this.engine = engine;
        this.server = server;
        this.settings = settings;
        this.log = log;
        this.syncThread = new Thread(this::syncForever, "deskplane-layers-sync");
        this.headThread = new Thread(this::followHead, "deskplane-layers-head");
        syncThread.setDaemon(true);
        headThread.setDaemon(true);
        syncThread.start();
    }

    void wakeUp() {
        wake.release();
    }

    private void syncForever() {
        long backoff = 1;
        while (running) {
            try {
                engine.start();
                break;
            } catch (Exception e) {
                log.accept("cannot bind to the server yet (" + e.getMessage() + "); trying again in " + backoff + " s");
                if (!sleep(backoff)) {
                    return;
                }
                backoff = Math.min(60, backoff * 2);
            }
        }
        try {
            watcher = new TreeWatcher(this::wakeUp);
        } catch (java.io.IOException e) {
            log.accept("no file watching (" + e.getMessage() + "): changes are found every " + settings.periodSeconds() + " s");
        }
        headThread.start();
        backoff = 1;
        while (running) {
            try {
                engine.round();
                backoff = 1;
                watchUserDirectories();
                wake.tryAcquire(settings.periodSeconds(), TimeUnit.SECONDS);
                wake.drainPermits();
            } catch (CvdConflictException e) {
                // pull and merge right away
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                log.accept("sync round failed: " + e.getMessage());
                if (!sleep(backoff)) {
                    return;
                }
                backoff = Math.min(60, backoff * 2);
            }
        }
    }

    private void watchUserDirectories() {
        if (watcher == null || engine.binding() == null) {
            return;
        }
        try {
            Set<Path> dirs = new HashSet<>();
            LayerManifest files = engine.lastUserFiles(); // the round just scanned: no walk of the tree again
            if (files == null) {
                return;
            }
            Path root = settings.root();
            files.entries().stream().filter(e -> e.type() == EntryType.DIRECTORY)
                    .forEach(e -> dirs.add(root.resolve(localPath(e.path()))));
            files.entries().forEach(e -> {
                Path parent = root.resolve(localPath(e.path())).getParent();
                if (parent != null && parent.startsWith(root)) {
                    dirs.add(parent);
                }
            });
            watcher.watch(dirs);
        } catch (Exception e) {
            log.accept("could not update the watched directories: " + e.getMessage());
        }
    }

    private String localPath(String cvdPath) {
        return engine.layout().toEndpoint(Layer.USER_FILES, cvdPath).orElse(cvdPath);
    }

    private void followHead() {
        while (running) {
            try {
                long head = server.head(engine.binding().cvdId(), engine.knownHead(), 20);
                if (head > engine.knownHead()) {
                    wakeUp();
                    // the round will set knownHead; avoid spinning until it has
                    for (int i = 0; i < 100 && running && engine.knownHead() < head; i++) {
                        Thread.sleep(20);
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (!sleep(2)) {
                    return;
                }
            }
        }
    }

    private boolean sleep(long seconds) {
        try {
            Thread.sleep(seconds * 1000);
            return running;
        } catch (InterruptedException e) {
            return false;
        }
    }

    @Override
    public void close() throws Exception {
        running = false;
        syncThread.interrupt();
        headThread.interrupt();
        if (watcher != null) {
            watcher.close();
        }
        syncThread.join(10_000);
    }
}
