package org.deskplane.content.index.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.deskplane.content.api.ContentException;
import org.deskplane.content.api.ContentHit;
import org.deskplane.content.api.ContentIndex;
import org.deskplane.content.api.ContentLocation;
import org.deskplane.content.api.ContentSource;
import org.deskplane.content.api.ContentView;
import org.deskplane.content.api.DataSource;
import org.deskplane.content.api.IndexState;
import org.deskplane.content.api.IndexStatus;

/**
 * The indexes of all sources: loads a source's stored index when it is first asked about, schedules builds on
 * one background thread (two cores are shared with everything else), stores each finished build, and answers
 * searches. Plain Java so tests can run it without the framework; {@link ContentIndexComponent} wires it up.
 */
final class ContentIndexer implements ContentIndex, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ContentIndexer.class.getName());
    /** Candidate files read to check a query and cut snippets, at most, per search. */
    static final int MAX_CHECKED = 200;

    /** What is known of one source. */
    static final class SourceState {
        final String sourceId;
        volatile SourceIndex index;
        volatile IndexFile.Header header;
        volatile DataSource source;
        volatile ContentLocation location;
        volatile String whyNotIndexed;
        volatile String problem = "";
        volatile boolean queued;
        volatile boolean building;
        /** Where and when the last build failed: the same place is not tried again before {@link #RETRY_FAILED_MILLIS}. */
        volatile String failedSignature;
        volatile long failedAtMillis;
        final IndexBuilder.Progress progress = new IndexBuilder.Progress();

        SourceState(String sourceId) {
            this.sourceId = sourceId;
        }
    }

    /**
     * A source whose build failed (no file system, a disk only a helper VM could read, a share gone) is offered
     * again on every listing; trying it each time would start a libguestfs appliance each time. Not before this
     * long, unless the source changed (its location signature) or somebody asks for a {@link #refresh}.
     */
    static final long RETRY_FAILED_MILLIS = 15 * 60_000L;

    private final IndexFile files;
    private final Function<String, ContentSource> backends;
    private final LongSupplier clock;
    private final Map<String, SourceState> states = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("deskplane-content-index").daemon().priority(Thread.MIN_PRIORITY).factory());
    private volatile IndexSettings settings;

    ContentIndexer(Path directory, IndexSettings settings, Function<String, ContentSource> backends, LongSupplier clock) {
        this.files = new IndexFile(directory);
        this.settings = settings;
        this.backends = backends;
        this.clock = clock;
    }

    void settings(IndexSettings newSettings) {
        settings = newSettings;
    }

    @Override
    public void offer(DataSource source, ContentLocation location) {
        SourceState state = remember(source, location);
        if (state.whyNotIndexed == null && due(state)) {
            schedule(state);
        }
    }

    /** Rebuilds {@code source} now (incrementally) whatever its age; for callers that know it changed. */
    void refresh(DataSource source, ContentLocation location) {
        SourceState state = remember(source, location);
        if (state.whyNotIndexed == null) {
            schedule(state);
        }
    }

    /** Notes where {@code source} is now and whether it is to be indexed, without scheduling anything. */
    SourceState remember(DataSource source, ContentLocation location) {
        SourceState state = state(source.id());
        state.source = source;
        state.location = location;
        state.whyNotIndexed = settings.whyNotIndexed(source, location);
        return state;
    }

    @Override
    public IndexStatus status(String sourceId) {
        SourceState state = state(sourceId);
        SourceIndex index = state.index;
        IndexFile.Header header = state.header;
        if (state.building || state.queued) {
            return new IndexStatus(sourceId, index != null, IndexState.BUILDING, state.progress.done().get(),
                    state.progress.total().get(), index == null ? 0 : index.termCount(),
                    header == null ? null : Instant.ofEpochMilli(header.builtAtMillis()), remarks(state, header));
        }
        if (index == null) {
            String why = state.whyNotIndexed != null ? state.whyNotIndexed
                    : !state.problem.isEmpty() ? state.problem : "not built yet";
            return IndexStatus.absent(sourceId, why);
        }
        int count = index.fileCount();
        return new IndexStatus(sourceId, true, stale(state, header) ? IndexState.STALE : IndexState.READY, count, count,
                index.termCount(), Instant.ofEpochMilli(header.builtAtMillis()), remarks(state, header));
    }

    @Override
    public List<ContentHit> search(String sourceId, String query, Predicate<String> visible, ContentView view, int limit)
            throws IOException {
        ContentQuery parsed = ContentQuery.parse(query);
        SourceIndex index = state(sourceId).index;
        if (index == null) {
            return List.of();
        }
        List<String> candidates = new ArrayList<>(index.candidates(parsed.allTerms()));
        candidates.sort(null);
        List<ContentHit> hits = new ArrayList<>();
        int checked = 0;
        for (String path : candidates) {
            if (hits.size() >= limit || checked >= MAX_CHECKED) {
                break;
            }
            // the caller's filter first: nothing of a file it refuses is read, let alone returned
            if (!visible.test(path)) {
                continue;
            }
            checked++;
            try {
                TextReader.Text text = TextReader.read(view, path, settings.maxFileBytes());
                String snippet = text.text() == null ? null : TextMatch.snippet(text.text(), parsed);
                if (snippet != null) {
                    hits.add(new ContentHit(text.entry(), snippet));
                }
            } catch (ContentException e) {
                if (e.reason() == ContentException.Reason.BUSY || e.reason() == ContentException.Reason.UNAVAILABLE) {
                    throw e;
                }
                // gone or unreadable since it was indexed: not a hit
            } catch (IOException e) {
                // gone since it was indexed: not a hit
            }
        }
        return hits;
    }

    /** Builds {@code sourceId} on the caller's thread (tests, and the worker). */
    void buildNow(String sourceId) throws InterruptedException {
        SourceState state = state(sourceId);
        synchronized (state) {
            state.queued = false;
            state.building = true;
            state.progress.done().set(0);
            state.progress.total().set(0);
            ContentLocation location = state.location;
            try {
                ContentSource backend = backends.apply(location.backend());
                if (backend == null) {
                    throw new ContentException(ContentException.Reason.UNAVAILABLE,
                            "the " + location.backend() + " content backend is not running");
                }
                SourceIndex index = state.index != null ? state.index : new SourceIndex();
                IndexBuilder.Result result;
                try (ContentView view = backend.open(location)) {
                    result = new IndexBuilder(settings).build(view, index, state.progress);
                }
                IndexFile.Header header = new IndexFile.Header(sourceId, clock.getAsLong(), signature(location), result.detail());
                state.index = index;
                state.header = header;
                state.problem = "";
                state.failedSignature = null;
                try {
                    files.write(header, index);
                } catch (IOException e) {
                    state.problem = "the index could not be stored: " + e.getMessage();
                    LOG.log(Level.WARNING, "storing the content index of " + sourceId + " failed", e);
                }
                LOG.info(() -> "content index of " + sourceId + ": " + result.files() + " files, " + result.read()
                        + " read, " + result.binaries() + " binary" + (result.detail().isEmpty() ? "" : "; " + result.detail()));
            } catch (IOException | RuntimeException e) {
                state.problem = "the last build failed: " + e.getMessage();
                state.failedSignature = signature(location);
                state.failedAtMillis = clock.getAsLong();
                LOG.log(Level.WARNING, "building the content index of " + sourceId + " failed: " + e);
            } finally {
                state.building = false;
            }
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
        try {
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warning("the content index build did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void schedule(SourceState state) {
        synchronized (states) {
            if (state.queued || state.building) {
                return;
            }
            state.queued = true;
        }
        try {
            worker.execute(() -> {
                try {
                    buildNow(state.sourceId);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            state.queued = false; // shutting down
        }
    }

    private boolean due(SourceState state) {
        IndexFile.Header header = state.header;
        String failed = state.failedSignature;
        if (failed != null && failed.equals(signature(state.location))
                && clock.getAsLong() - state.failedAtMillis < RETRY_FAILED_MILLIS) {
            return false;
        }
        return state.index == null || header == null || !header.locationSignature().equals(signature(state.location))
                || (settings.refreshMillis() > 0 && clock.getAsLong() - header.builtAtMillis() > settings.refreshMillis());
    }

    private boolean stale(SourceState state, IndexFile.Header header) {
        ContentLocation location = state.location;
        return state.whyNotIndexed != null
                || (location != null && !header.locationSignature().equals(signature(location)))
                || (settings.refreshMillis() > 0 && clock.getAsLong() - header.builtAtMillis() > settings.refreshMillis());
    }

    private static String remarks(SourceState state, IndexFile.Header header) {
        List<String> parts = new ArrayList<>();
        if (header != null && !header.detail().isEmpty()) {
            parts.add(header.detail());
        }
        if (state.whyNotIndexed != null) {
            parts.add(state.whyNotIndexed);
        }
        if (!state.problem.isEmpty()) {
            parts.add(state.problem);
        }
        return String.join("; ", parts);
    }

    /** Where the content was read from: a different one (disk → agent, another image) makes the index stale. */
    static String signature(ContentLocation location) {
        return location.backend() + " " + new TreeMap<>(location.attributes());
    }

    /** The source's state, its stored index loaded on first use; a damaged one is logged, removed and rebuilt. */
    private SourceState state(String sourceId) {
        return states.computeIfAbsent(sourceId, id -> {
            SourceState state = new SourceState(id);
            try {
                IndexFile.Loaded loaded = files.read(id, settings.maxTerms(), settings.maxFiles());
                if (loaded != null) {
                    state.index = loaded.index();
                    state.header = loaded.header();
                }
            } catch (IOException e) {
                LOG.warning("the stored content index of " + id + " (" + files.pathOf(id) + ") is unreadable ("
                        + e.getMessage() + "); it is rebuilt from scratch");
                state.problem = "the stored index was unreadable and is rebuilt";
                try {
                    files.delete(id);
                } catch (IOException ignored) {
                    // the next build's atomic write replaces it anyway
                }
            }
            return state;
        });
    }
}
