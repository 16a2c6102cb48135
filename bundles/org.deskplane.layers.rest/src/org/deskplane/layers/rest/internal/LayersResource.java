package org.deskplane.layers.rest.internal;

import java.util.ArrayList;
import java.util.List;

import org.deskplane.layers.api.CvdStore;
import org.deskplane.layers.api.SyncService;
import org.deskplane.rest.api.ApiResource;
import org.deskplane.rest.api.Route;
import org.deskplane.security.api.AuditEvent;
import org.deskplane.security.api.AuditLog;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@code layers} group of REST routes. The CVD store, the sync service and the audit log are dynamic optional
 * references: the routes stay registered while one of them is being updated and answer 503 until it is back, so an
 * endpoint retries instead of concluding that the server has no such route.
 */
@Component(service = ApiResource.class, property = ApiResource.NAME_PROPERTY + "=layers",
        configurationPid = "org.deskplane.layers.rest")
@Designate(ocd = LayersRestConfig.class)
public final class LayersResource implements ApiResource, LayersServices {

    private static final long MIB = 1024L * 1024;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile CvdStore store;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SyncService sync;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditLog auditLog;

    private volatile long maxChunkBytes = 16 * MIB;
    private volatile int maxWaitSeconds = 30;
    private final HeadWatch heads = new HeadWatch(50);

    private final List<Route> routes = join(new CvdRoutes(this).routes(), new MasterRoutes(this).routes(),
            new EndpointRoutes(this).routes(), new ChunkRoutes(this).routes(), new StoreRoutes(this).routes());

    @Activate
    @Modified
    void configure(LayersRestConfig config) {
        maxChunkBytes = Math.max(1, config.maxChunkMiB()) * MIB;
        maxWaitSeconds = Math.max(0, config.maxWaitSeconds());
        heads.pollMillis(config.headPollMillis());
    }

    @Override
    public List<Route> routes() {
        return routes;
    }

    @Override
    public CvdStore store() {
        CvdStore current = store;
        if (current == null) {
            throw LayerProblems.unavailable("CVD store (bundle org.deskplane.layers.store)");
        }
        return current;
    }

    @Override
    public SyncService sync() {
        SyncService current = sync;
        if (current == null) {
            throw LayerProblems.unavailable("sync service (bundle org.deskplane.layers.server)");
        }
        return current;
    }

    @Override
    public long maxChunkBytes() {
        return maxChunkBytes;
    }

    @Override
    public int maxWaitSeconds() {
        return maxWaitSeconds;
    }

    @Override
    public HeadWatch heads() {
        return heads;
    }

    @Override
    public void audit(AuditEvent event) {
        AuditLog log = auditLog;
        if (log != null) {
            try {
                log.record(event);
            } catch (UnsupportedOperationException e) {
                // a read-only audit log (the workbench's remote view) cannot take records; the change itself is done
            }
        }
    }

    @SafeVarargs
    private static List<Route> join(List<Route>... groups) {
        List<Route> all = new ArrayList<>();
        for (List<Route> group : groups) {
            all.addAll(group);
        }
        return List.copyOf(all);
    }
}
