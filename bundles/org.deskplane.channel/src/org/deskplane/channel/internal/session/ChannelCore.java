package org.deskplane.channel.internal.session;

import java.security.SecureRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Logger;

/** What all connections of one endpoint share: settings, handlers, threads for handlers and timers. */
public final class ChannelCore implements AutoCloseable {

    public static final Logger LOG = Logger.getLogger("org.deskplane.channel");

    private final ChannelSettings settings;
    private final HandlerRegistry handlers;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "deskplane-channel-timer");
        t.setDaemon(true);
        return t;
    });
    private final SecureRandom random = new SecureRandom();
    private volatile boolean closed;

    public ChannelCore(ChannelSettings settings, HandlerRegistry handlers) {
        this.settings = settings;
        this.handlers = handlers;
    }

    public ChannelSettings settings() {
        return settings;
    }

    public HandlerRegistry handlers() {
        return handlers;
    }

    public ExecutorService executor() {
        return executor;
    }

    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    public byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    public long randomLong() {
        return random.nextLong();
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        executor.shutdownNow();
    }
}
