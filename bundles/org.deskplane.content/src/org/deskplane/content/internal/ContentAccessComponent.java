package org.deskplane.content.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.deskplane.content.api.ContentAccess;
import org.deskplane.content.api.ContentEntry;
import org.deskplane.content.api.ContentException;
import org.deskplane.content.api.ContentHit;
import org.deskplane.content.api.ContentIndex;
import org.deskplane.content.api.ContentSearchResult;
import org.deskplane.content.api.IndexStatus;
import org.deskplane.content.api.ContentException.Reason;
import org.deskplane.content.api.ContentReader;
import org.deskplane.content.api.ContentSource;
import org.deskplane.content.api.DataSource;
import org.deskplane.content.api.EntryType;
import org.deskplane.content.api.RequestContext;
import org.deskplane.content.internal.PolicyRule.Effect;
import org.deskplane.content.internal.PolicyRule.Operation;
import org.deskplane.security.api.AuditEvent;
import org.deskplane.security.api.AuditLog;
import org.deskplane.security.api.Role;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The CAL service. Every request: normalise the path, find the source among the user's, let the policies decide,
 * run it on the user's mount session of the source's current backend, and audit it — allowed, denied or failed.
 */
@Component(service = ContentAccess.class, configurationPid = ContentAccessComponent.PID)
@Designate(ocd = ContentAccessComponent.Config.class)
public final class ContentAccessComponent implements ContentAccess {
    public static final String PID = "org.deskplane.content";
    static final int SEARCH_MAX_RESULTS = 500;
    static final int SEARCH_MAX_VISITED = 20_000;
    static final int SEARCH_MAX_DEPTH = 32;
    static final int CONTENT_SEARCH_MAX_HITS = 100;
    /** Whom the periodic offer of every source to the index asks the catalogs as: administrators see all. */
    private static final RequestContext INDEXER = new RequestContext("content-index", Role.ADMIN, null, "desktop");

    @ObjectClassDefinition(name = "Deskplane content access")
    public @interface Config {
        @AttributeDefinition(description = "Open mount sessions per backend before requests get 'busy'")
        int maxOpenViews() default 64;

        @AttributeDefinition(description = "Operations in progress per backend before requests get 'busy'")
        int maxOperations() default 128;

        @AttributeDefinition(description = "Seconds after which an unused mount session is closed")
        int idleSeconds() default 300;

        @AttributeDefinition(description = "Seconds between offers of every data source to the content index "
                + "(which decides by its own configuration what to index); 0: only sources in use are offered")
        int indexOfferSeconds() default 120;
    }

    private final Map<String, ContentSource> backends = new ConcurrentHashMap<>();
    private final PolicyEngine policy = new PolicyEngine(Clock.systemUTC());
    private final ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("deskplane-content-idle").daemon().factory());
    private final ViewSessions sessions = new ViewSessions(new ViewSessions.Limits(64, 128, 300_000),
            System::currentTimeMillis);

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<SourceCatalog> catalogs;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<PolicyRuleComponent> rules;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditLog audit;

    /** Optional: without it, content searches answer "not indexed" and everything else works as before. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ContentIndex index;

    private volatile java.util.concurrent.ScheduledFuture<?> indexOffers;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addBackend(ContentSource source, Map<String, Object> properties) {
        Object backend = properties.get(ContentSource.BACKEND_PROPERTY);
        if (backend != null) {
            backends.put(backend.toString(), source);
        }
    }

    void removeBackend(ContentSource source, Map<String, Object> properties) {
        Object backend = properties.get(ContentSource.BACKEND_PROPERTY);
        if (backend != null && backends.remove(backend.toString(), source)) {
            sessions.closeBackend(backend.toString());
        }
    }

    @Activate
    @Modified
    void configure(Config config) {
        sessions.limits(new ViewSessions.Limits(Math.max(1, config.maxOpenViews()), Math.max(1, config.maxOperations()),
                Math.max(1, config.idleSeconds()) * 1000L));
        reaper.scheduleWithFixedDelay(sessions::closeIdle, 10, 10, TimeUnit.SECONDS);
        java.util.concurrent.ScheduledFuture<?> previous = indexOffers;
        if (previous != null) {
            previous.cancel(false);
        }
        indexOffers = config.indexOfferSeconds() <= 0 ? null
                : reaper.scheduleWithFixedDelay(this::offerAllToIndex, 5, config.indexOfferSeconds(), TimeUnit.SECONDS);
    }

    /** Tells the index of every source, so shares and shut-off desktops get indexed before anyone searches. */
    private void offerAllToIndex() {
        ContentIndex current = index;
        if (current == null) {
            return;
        }
        try {
            for (SourceCatalog.Entry entry : catalog(INDEXER)) {
                current.offer(entry.source(), entry.location());
            }
        } catch (RuntimeException e) {
            java.util.logging.Logger.getLogger(ContentAccessComponent.class.getName())
                    .warning("offering the data sources to the content index failed: " + e);
        }
    }

    @Deactivate
    void stop() {
        reaper.shutdownNow();
        sessions.close();
    }

    @Override
    public List<DataSource> sources(RequestContext context) throws ContentException {
        checkOnBehalf(context, "content.sources", "*", Operation.READ);
        List<DataSource> sources = catalog(context).stream().map(SourceCatalog.Entry::source).toList();
        record(context, "content.sources", "*", AuditEvent.Result.SUCCESS, sources.size() + " sources");
        return sources;
    }

    @Override
    public List<org.deskplane.content.api.Application> applications(RequestContext context) throws ContentException {
        checkOnBehalf(context, "content.applications", "*", Operation.READ);
        List<org.deskplane.content.api.Application> applications = new ArrayList<>();
        for (SourceCatalog catalog : catalogs) {
            applications.addAll(catalog.applicationsOf(context));
        }
        record(context, "content.applications", "*", AuditEvent.Result.SUCCESS, applications.size() + " applications");
        return applications;
    }

    @Override
    public ContentEntry stat(RequestContext context, String sourceId, String path) throws IOException {
        return run(context, "content.stat", sourceId, path, Operation.READ, (view, p) -> view.stat(p));
    }

    @Override
    public List<ContentEntry> list(RequestContext context, String sourceId, String path) throws IOException {
        return run(context, "content.list", sourceId, path, Operation.READ, (view, p) -> view.list(p));
    }

    @Override
    public ContentReader open(RequestContext context, String sourceId, String path) throws IOException {
        return run(context, "content.read", sourceId, path, Operation.READ, (view, p) -> view.open(p));
    }

    @Override
    public List<ContentEntry> search(RequestContext context, String sourceId, String path, String query) throws IOException {
        if (query == null || query.isBlank() || query.length() > 256) {
            throw new ContentException(Reason.INVALID, "a search needs a name fragment of 1–256 characters");
        }
        String needle = query.toLowerCase(Locale.ROOT);
        return run(context, "content.search", sourceId, path, Operation.READ, (view, start) -> {
            // breadth first, bounded in results, visited directories and depth
            List<ContentEntry> found = new ArrayList<>();
            Deque<String> queue = new ArrayDeque<>(List.of(start));
            int visited = 0;
            while (!queue.isEmpty() && found.size() < SEARCH_MAX_RESULTS && visited++ < SEARCH_MAX_VISITED) {
                String directory = queue.poll();
                List<ContentEntry> children;
                try {
                    children = view.list(directory);
                } catch (NoSuchFileException | NotDirectoryException | ContentException e) {
                    continue;
                }
                for (ContentEntry child : children) {
                    if (child.name().toLowerCase(Locale.ROOT).contains(needle) && found.size() < SEARCH_MAX_RESULTS) {
                        found.add(child);
                    }
                    if (child.type() == EntryType.DIRECTORY && depth(child.path()) <= SEARCH_MAX_DEPTH
                            && decide(context, sourceId, child.path(), Operation.READ).allowed()) {
                        queue.add(child.path());
                    }
                }
            }
            return found;
        });
    }

    @Override
    public ContentSearchResult searchContent(RequestContext context, String sourceId, String path, String query)
            throws IOException {
        if (query == null || query.isBlank() || query.length() > 256) {
            throw new ContentException(Reason.INVALID, "a content search needs 1–256 characters of words");
        }
        return run(context, "content.search.content", sourceId, path, Operation.READ, (entry, view, start) -> {
            ContentIndex current = index;
            if (current == null) {
                return new ContentSearchResult(IndexStatus.absent(sourceId, "no content index is running"), List.of());
            }
            IndexStatus status = current.status(sourceId);
            if (!status.indexed()) {
                return new ContentSearchResult(status, List.of());
            }
            // the same decision as a request for each hit and each folder above it: what the user may not read,
            // they do not learn about from a search either
            List<ContentHit> hits = current.search(sourceId, query,
                    hit -> ContentPaths.within(hit, start) && readable(context, sourceId, start, hit), view,
                    CONTENT_SEARCH_MAX_HITS);
            return new ContentSearchResult(status, hits);
        });
    }

    @Override
    public IndexStatus indexStatus(RequestContext context, String sourceId) throws IOException {
        String target = sourceId + ":/";
        try {
            SourceCatalog.Entry entry = resolve(context, sourceId);
            ContentIndex current = index;
            IndexStatus status = current == null ? IndexStatus.absent(sourceId, "no content index is running")
                    : current.status(entry.source().id());
            record(context, "content.index", target, AuditEvent.Result.SUCCESS, status.state().name());
            return status;
        } catch (ContentException e) {
            record(context, "content.index", target, AuditEvent.Result.FAILURE, e.getMessage());
            throw e;
        }
    }

    /** Whether {@code path} and every folder between {@code start} and it may be read. */
    private boolean readable(RequestContext context, String sourceId, String start, String path) {
        String at = path;
        while (true) {
            if (!decide(context, sourceId, at, Operation.READ).allowed()) {
                return false;
            }
            if (at.equals(start) || at.equals("/")) {
                return true;
            }
            int slash = at.lastIndexOf('/');
            at = slash <= 0 ? "/" : at.substring(0, slash);
        }
    }

    @Override
    public ContentEntry write(RequestContext context, String sourceId, String path, InputStream content) throws IOException {
        return run(context, "content.write", sourceId, path, Operation.WRITE, (view, p) -> {
            if (!view.writable()) {
                throw new ContentException(Reason.READ_ONLY, sourceId + " is read-only");
            }
            return view.write(p, content);
        });
    }

    @Override
    public void delete(RequestContext context, String sourceId, String path) throws IOException {
        run(context, "content.delete", sourceId, path, Operation.WRITE, (view, p) -> {
            if (!view.writable()) {
                throw new ContentException(Reason.READ_ONLY, sourceId + " is read-only");
            }
            if (p.equals("/")) {
                throw new ContentException(Reason.INVALID, "the root of a data source cannot be deleted");
            }
            view.delete(p);
            return null;
        });
    }

    @FunctionalInterface
    private interface Action<T> {
        T apply(org.deskplane.content.api.ContentView view, String path) throws IOException;
    }

    /** An action that also needs to know the source it runs on. */
    @FunctionalInterface
    private interface SourceAction<T> {
        T apply(SourceCatalog.Entry entry, org.deskplane.content.api.ContentView view, String path) throws IOException;
    }

    private <T> T run(RequestContext context, String action, String sourceId, String rawPath, Operation operation,
            Action<T> body) throws IOException {
        return run(context, action, sourceId, rawPath, operation, (entry, view, path) -> body.apply(view, path));
    }

    private <T> T run(RequestContext context, String action, String sourceId, String rawPath, Operation operation,
            SourceAction<T> body) throws IOException {
        String target = sourceId + ":" + rawPath;
        try {
            String path = ContentPaths.normalise(rawPath);
            target = sourceId + ":" + path;
            OnBehalfRule.check(context, operation);
            SourceCatalog.Entry entry = resolve(context, sourceId);
            // a read-only source is a fact, not a decision: say so before any policy is asked
            if (operation == Operation.WRITE && !entry.source().writable()) {
                throw new ContentException(Reason.READ_ONLY, sourceId + " is read-only");
            }
            PolicyEngine.Decision decision = decide(context, sourceId, path, operation);
            if (decision.effect() == Effect.DENY) {
                throw new ContentException(Reason.DENIED, operation.name().toLowerCase(Locale.ROOT) + " of " + path
                        + " in " + sourceId + " is not allowed (policy '" + decision.rule() + "')");
            }
            if (decision.effect() == Effect.POWER_ON && "disk".equals(entry.location().backend())) {
                boolean started = catalogs.stream().anyMatch(c -> c.powerOn(entry));
                throw new ContentException(Reason.UNAVAILABLE, started
                        ? "the desktop is being powered on instead of mounting its disk (policy '" + decision.rule()
                                + "'); try again when it runs"
                        : "policy '" + decision.rule() + "' asks to power the desktop on, and it could not be started");
            }
            ContentSource backend = backends.get(entry.location().backend());
            if (backend == null) {
                throw new ContentException(Reason.UNAVAILABLE, "the " + entry.location().backend()
                        + " content backend is not running; try again later");
            }
            T result = sessions.withView(context.user(), entry.location(), backend, view -> body.apply(entry, view, path));
            record(context, action, target, AuditEvent.Result.SUCCESS, "via " + entry.location().backend());
            return result;
        } catch (ContentException e) {
            record(context, action, target, e.reason() == Reason.DENIED ? AuditEvent.Result.DENIED
                    : AuditEvent.Result.FAILURE, e.getMessage());
            throw e;
        } catch (NoSuchFileException e) {
            record(context, action, target, AuditEvent.Result.FAILURE, "no such file");
            throw new ContentException(Reason.NOT_FOUND, "no such file or directory: " + rawPath, e);
        } catch (NotDirectoryException e) {
            record(context, action, target, AuditEvent.Result.FAILURE, "not a directory");
            throw new ContentException(Reason.WRONG_TYPE, "not a directory: " + rawPath, e);
        } catch (IOException | RuntimeException e) {
            record(context, action, target, AuditEvent.Result.FAILURE, String.valueOf(e.getMessage()));
            throw e;
        }
    }

    /** The on-behalf rule for calls outside {@link #run}: refused ones are audited like any other denial. */
    private void checkOnBehalf(RequestContext context, String action, String target, Operation operation)
            throws ContentException {
        try {
            OnBehalfRule.check(context, operation);
        } catch (ContentException e) {
            record(context, action, target, AuditEvent.Result.DENIED, e.getMessage());
            throw e;
        }
    }

    private List<SourceCatalog.Entry> catalog(RequestContext context) {
        List<SourceCatalog.Entry> entries = new ArrayList<>();
        for (SourceCatalog catalog : catalogs) {
            entries.addAll(catalog.sourcesOf(context));
        }
        return entries;
    }

    private SourceCatalog.Entry resolve(RequestContext context, String sourceId) throws ContentException {
        for (SourceCatalog catalog : catalogs) {
            java.util.Optional<SourceCatalog.Entry> found = catalog.find(context, sourceId);
            if (found.isPresent()) {
                ContentIndex current = index;
                if (current != null) {
                    // a source in use is offered too, so its index is started or refreshed without waiting
                    current.offer(found.get().source(), found.get().location());
                }
                return found.get();
            }
        }
        throw new ContentException(Reason.NOT_FOUND, "no data source '" + sourceId + "' for " + context.user());
    }

    private PolicyEngine.Decision decide(RequestContext context, String sourceId, String path, Operation operation) {
        return policy.decide(rules.stream().map(PolicyRuleComponent::rule).toList(), context, sourceId, path, operation);
    }

    private static int depth(String path) {
        return (int) path.chars().filter(c -> c == '/').count();
    }

    private void record(RequestContext context, String action, String target, AuditEvent.Result result, String detail) {
        AuditLog log = audit;
        if (log != null) {
            // on behalf: the administrator is the actor, and the details say whose view it was
            log.record(AuditEvent.now(context.actingUser(), action, target, result, OnBehalfRule.detail(context, detail),
                    context.address() == null ? "unknown" : context.address().getHostAddress()));
        }
    }
}
