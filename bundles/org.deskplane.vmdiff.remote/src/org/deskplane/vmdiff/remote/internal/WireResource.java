package org.deskplane.vmdiff.remote.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiResource;
import org.deskplane.rest.api.Route;
import org.deskplane.vmdiff.api.DifferenceServer;
import org.deskplane.vmdiff.store.DifferenceCopy;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The server's VM differences for hosts on other machines: routes under {@code /api/vmdiff/wire} over the local
 * {@link DifferenceServer}. The server is a dynamic reference, so the routes stay registered while it is being
 * updated and answer 503 until it is back (a host then works from its own copy, as it does without network).
 */
@Component(service = ApiResource.class, property = ApiResource.NAME_PROPERTY + "=vmdiff-wire",
        configurationPid = WireResource.PID)
@Designate(ocd = WireResource.Config.class)
public final class WireResource implements ApiResource, WireServices {
    static final String PID = "org.deskplane.vmdiff.remote.wire";
    static final String BASE = "/vmdiff/wire";
    private static final long MIB = 1 << 20;

    @ObjectClassDefinition(name = "Deskplane VM differences over HTTP (server routes)")
    public @interface Config {
        @AttributeDefinition(description = "Most bytes one batch of clusters, one base range or one upload may carry")
        int maxBatchMiB() default 16;

        @AttributeDefinition(description = "Most bytes of a push announcement (its cluster index travels in it)")
        int maxAnnounceMiB() default 64;

        @AttributeDefinition(description = "Push sessions untouched for this long are deleted")
        int sessionTtlHours() default 24;

        @AttributeDefinition(description = "Folder of push sessions when the server's copy is not on this disk; empty: <deskplane.data>/vmdiff-pushes")
        String sessionDirectory() default "";
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(vmdiff.server=local)")
    private volatile DifferenceServer server;

    private volatile Config config;
    private volatile Path fallbackSessions;
    private volatile PushSessions sessions;
    private final IndexCache indexes = new IndexCache();
    private final List<Route> routes;

    public WireResource() {
        List<Route> all = new ArrayList<>();
        all.addAll(new ReadRoutes(this).routes());
        all.addAll(new BaseRoutes(this).routes());
        all.addAll(new LeaseRoutes(this).routes());
        all.addAll(new PushRoutes(this).routes());
        routes = List.copyOf(all);
    }

    @Activate
    @Modified
    void configure(BundleContext context, Config config) {
        this.config = config;
        String data = context.getProperty("deskplane.data");
        fallbackSessions = config.sessionDirectory().isBlank()
                ? Path.of(data == null ? "data" : data, "vmdiff-pushes").toAbsolutePath()
                : Path.of(config.sessionDirectory());
        sessions = null; // found again for the (maybe new) server on the next push
    }

    @Override
    public List<Route> routes() {
        return routes;
    }

    @Override
    public DifferenceServer server() {
        DifferenceServer current = server;
        if (current == null) {
            throw new ApiException(503, "UNREACHABLE", "the server's VM difference copy (bundle org.deskplane.vmdiff.server)"
                    + " is not running; retry when it is back");
        }
        return current;
    }

    @Override
    public synchronized PushSessions sessions() throws IOException {
        DifferenceServer current = server();
        PushSessions known = sessions;
        if (known == null || known.server() != current) {
            // sessions live beside the server's copy, so they go where the copy goes and survive restarts with it
            Path folder = current.copy() instanceof DifferenceCopy copy ? copy.root().resolve("pushes") : fallbackSessions;
            known = new PushSessions(folder, current, java.time.Duration.ofHours(Math.max(1, config.sessionTtlHours())));
            known.clean();
            sessions = known;
        }
        return known;
    }

    @Override
    public long maxBatchBytes() {
        return Math.max(1, config.maxBatchMiB()) * MIB;
    }

    @Override
    public long maxAnnounceBytes() {
        return Math.max(1, config.maxAnnounceMiB()) * MIB;
    }

    @Override
    public IndexCache indexes() {
        return indexes;
    }
}
