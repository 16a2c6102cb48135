package org.deskplane.content.index.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.deskplane.content.api.ContentHit;
import org.deskplane.content.api.ContentIndex;
import org.deskplane.content.api.ContentLocation;
import org.deskplane.content.api.ContentSource;
import org.deskplane.content.api.ContentView;
import org.deskplane.content.api.DataSource;
import org.deskplane.content.api.IndexStatus;
import org.osgi.framework.BundleContext;
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
 * The {@link ContentIndex} service: reads sources through the {@link ContentSource} of their backend (tracked like
 * the CAL tracks them, so a swapped backend is picked up) and keeps its files in
 * {@code ${deskplane.data}/content-index/}.
 */
@Component(service = ContentIndex.class, configurationPid = ContentIndexComponent.PID)
@Designate(ocd = ContentIndexComponent.Config.class)
public final class ContentIndexComponent implements ContentIndex {
    public static final String PID = "org.deskplane.content.index";
    static final String DATA_PROPERTY = "deskplane.data";

    @ObjectClassDefinition(name = "Deskplane content index",
            description = "Which data sources get a full-text index for content search, and the caps of every build")
    public @interface Config {
        @AttributeDefinition(description = "Data source id globs to index ('*' matches anything)")
        String[] sources() default { "share:*", "vm:*", "disk:*" };

        @AttributeDefinition(description = "Data source id globs never to index")
        String[] excluded() default {};

        @AttributeDefinition(description = "Backends whose sources may be indexed; add 'agent' to index running "
                + "desktops through their agent (this reads every file inside the guest)")
        String[] backends() default { "share", "disk" };

        @AttributeDefinition(description = "Also index the disk of a running desktop without an agent (read live, may be inconsistent)")
        boolean liveDisks() default false;

        @AttributeDefinition(description = "Bytes read of each file at most; text beyond is not searchable")
        int maxFileBytes() default 4 * 1024 * 1024;

        @AttributeDefinition(description = "Files indexed per data source at most")
        int maxFiles() default 50_000;

        @AttributeDefinition(description = "Distinct terms per data source at most")
        int maxTerms() default 2_000_000;

        @AttributeDefinition(description = "Distinct terms taken from one file at most")
        int maxTermsPerFile() default 200_000;

        @AttributeDefinition(description = "Folder depth indexed at most")
        int maxDepth() default 32;

        @AttributeDefinition(description = "Minutes after which an index is stale and rebuilt (incrementally) when "
                + "its source is next used; 0: only when its location changes")
        int refreshMinutes() default 15;
    }

    private final Map<String, ContentSource> backends = new ConcurrentHashMap<>();
    private volatile ContentIndexer indexer;

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
        if (backend != null) {
            backends.remove(backend.toString(), source);
        }
    }

    @Activate
    void activate(BundleContext context, Config config) {
        indexer = new ContentIndexer(dataDirectory(context.getProperty(DATA_PROPERTY)).resolve("content-index"),
                IndexSettings.of(config), backends::get, System::currentTimeMillis);
    }

    @Modified
    void modified(Config config) {
        indexer.settings(IndexSettings.of(config));
    }

    @Deactivate
    void deactivate() {
        indexer.close();
    }

    @Override
    public void offer(DataSource source, ContentLocation location) {
        indexer.offer(source, location);
    }

    @Override
    public IndexStatus status(String sourceId) {
        return indexer.status(sourceId);
    }

    @Override
    public List<ContentHit> search(String sourceId, String query, Predicate<String> visible, ContentView view, int limit)
            throws IOException {
        return indexer.search(sourceId, query, visible, view, limit);
    }

    /** Like every Deskplane bundle: the {@code deskplane.data} property, else {@code ./data} under user.dir. */
    static Path dataDirectory(String configured) {
        String value = configured == null || configured.isBlank() ? "data" : configured.trim();
        return Path.of(System.getProperty("user.dir")).resolve(value).toAbsolutePath().normalize();
    }
}
