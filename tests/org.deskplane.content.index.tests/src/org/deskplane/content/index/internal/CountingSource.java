package org.deskplane.content.index.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.deskplane.content.api.ContentEntry;
import org.deskplane.content.api.ContentReader;
import org.deskplane.content.api.ContentSource;
import org.deskplane.content.api.ContentView;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The real share backend (the {@code content.backend=share} service of org.deskplane.content.share), wrapped so a
 * test can count which files were opened and how many bytes were read.
 */
final class CountingSource implements ContentSource {
    final Map<String, AtomicLong> opens = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> bytes = new ConcurrentHashMap<>();
    /** How often a view of the source was asked for, whether or not it opened. */
    final AtomicLong views = new AtomicLong();
    private final ContentSource real;

    private CountingSource(ContentSource real) {
        this.real = real;
    }

    /** Waits (bounded) for the share backend service and wraps it. */
    static CountingSource ofRealShareBackend() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(CountingSource.class).getBundleContext();
        ServiceTracker<ContentSource, ContentSource> tracker = new ServiceTracker<>(context,
                context.createFilter("(&(objectClass=" + ContentSource.class.getName() + ")(content.backend=share))"), null);
        tracker.open();
        try {
            ContentSource source = tracker.waitForService(TimeUnit.SECONDS.toMillis(30));
            if (source == null) {
                throw new AssertionError("the share content backend did not start within 30 s");
            }
            return new CountingSource(source);
        } finally {
            tracker.close();
        }
    }

    long opensOf(String path) {
        AtomicLong n = opens.get(path);
        return n == null ? 0 : n.get();
    }

    long totalOpens() {
        return opens.values().stream().mapToLong(AtomicLong::get).sum();
    }

    void reset() {
        opens.clear();
        bytes.clear();
    }

    @Override
    public ContentView open(org.deskplane.content.api.ContentLocation location) throws IOException {
        views.incrementAndGet();
        ContentView view = real.open(location);
        return new ContentView() {
            @Override
            public ContentEntry stat(String path) throws IOException {
                return view.stat(path);
            }

            @Override
            public List<ContentEntry> list(String path) throws IOException {
                return view.list(path);
            }

            @Override
            public ContentReader open(String path) throws IOException {
                opens.computeIfAbsent(path, p -> new AtomicLong()).incrementAndGet();
                ContentReader reader = view.open(path);
                AtomicLong counter = bytes.computeIfAbsent(path, p -> new AtomicLong());
                return new ContentReader() {
                    @Override
                    public ContentEntry entry() {
                        return reader.entry();
                    }

                    @Override
                    public int read(long position, byte[] buffer, int offset, int length) throws IOException {
                        int n = reader.read(position, buffer, offset, length);
                        if (n > 0) {
                            counter.addAndGet(n);
                        }
                        return n;
                    }

                    @Override
                    public void close() throws IOException {
                        reader.close();
                    }
                };
            }

            @Override
            public boolean writable() {
                return false;
            }

            @Override
            public void close() throws IOException {
                view.close();
            }
        };
    }
}
