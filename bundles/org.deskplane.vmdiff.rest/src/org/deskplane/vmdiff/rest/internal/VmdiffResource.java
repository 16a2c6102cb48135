package org.deskplane.vmdiff.rest.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiResource;
import org.deskplane.rest.api.Route;
import org.deskplane.security.api.AuditEvent;
import org.deskplane.security.api.AuditLog;
import org.deskplane.vmdiff.api.DifferenceServer;
import org.deskplane.vmdiff.api.VmHost;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@code vmdiff} group of REST routes. The server, the hosts and the audit log are dynamic references: the routes
 * stay registered while one of them is being updated (a read shows the hosts that are there, a route that needs the
 * server answers 503 until it is back). Of several servers, the one in this process ({@code vmdiff.server=local}) is
 * used: a server process may also see a remote one it reaches for another purpose.
 */
@Component(service = ApiResource.class, property = ApiResource.NAME_PROPERTY + "=vmdiff",
        configurationPid = "org.deskplane.vmdiff.rest")
@Designate(ocd = VmdiffRestConfig.class)
public final class VmdiffResource implements ApiResource, VmdiffServices {

    static final String SERVER_PROPERTY = "vmdiff.server";

    /** Each server, with whether it is the local one. */
    private final Map<DifferenceServer, Boolean> servers = new ConcurrentHashMap<>();
    private final List<VmHost> hosts = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditLog auditLog;

    private volatile Duration shutdownTimeout = Duration.ofSeconds(120);
    private volatile Operations operations;
    private ExecutorService executor;

    private final List<Route> routes = join(new ReadRoutes(this).routes(), new ActionRoutes(this).routes());

    @Activate
    void activate(VmdiffRestConfig config) {
        start(config.workers(), config.keptOperations(), Duration.ofSeconds(Math.max(1, config.shutdownTimeoutSeconds())));
    }

    /** Starts the executor (the operations of a previous activation are not kept: they ended with it). */
    void start(int workers, int keptOperations, Duration shutdown) {
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newFixedThreadPool(Math.max(1, workers), r -> {
            Thread t = new Thread(r, "deskplane-vmdiff-operation-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        operations = new Operations(executor, keptOperations);
        shutdownTimeout = shutdown;
    }

    @Deactivate
    void deactivate() {
        executor.shutdownNow(); // a host's action runs on to its end or its own timeout; the interrupt only stops waits
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindServer(DifferenceServer server, Map<String, Object> properties) {
        servers.put(server, "local".equals(String.valueOf(properties.get(SERVER_PROPERTY))));
    }

    void unbindServer(DifferenceServer server) {
        servers.remove(server);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindHost(VmHost host) {
        hosts.add(host);
    }

    void unbindHost(VmHost host) {
        hosts.remove(host);
    }

    @Override
    public List<Route> routes() {
        return routes;
    }

    @Override
    public Optional<DifferenceServer> optionalServer() {
        List<Map.Entry<DifferenceServer, Boolean>> known = new ArrayList<>(servers.entrySet());
        return known.stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).findFirst()
                .or(() -> known.stream().map(Map.Entry::getKey).findFirst());
    }

    @Override
    public DifferenceServer server() {
        return optionalServer().orElseThrow(() -> new ApiException(503, "VM differences unavailable",
                "the VM difference server (bundle org.deskplane.vmdiff.server) is not running; retry when it is back"));
    }

    @Override
    public List<VmHost> hosts() {
        List<VmHost> now = new ArrayList<>(hosts);
        now.sort(Comparator.comparing(VmHost::hostId));
        return now;
    }

    @Override
    public Operations operations() {
        Operations now = operations;
        if (now == null) {
            throw new ApiException(503, "VM mobility unavailable", "the VM mobility routes are starting; retry");
        }
        return now;
    }

    @Override
    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    @Override
    public void audit(AuditEvent event) {
        AuditLog log = auditLog;
        if (log != null) {
            try {
                log.record(event);
            } catch (UnsupportedOperationException e) {
                // a read-only audit log (the workbench's remote view of the server's) cannot take records; the action
                // itself is done, so answering 500 would only make the caller repeat it
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
