package org.deskplane.delivery.rest.internal;

import java.util.ArrayList;
import java.util.List;

import org.deskplane.delivery.api.DeploymentService;
import org.deskplane.delivery.api.PayloadRepository;
import org.deskplane.rest.api.ApiException;
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
 * The {@code delivery} group of REST routes. The repository, the deployment engine and the audit log are dynamic
 * optional references: the routes stay registered while one of them is being updated and answer 503 until it is
 * back, so a workbench polling a rollout sees "unavailable" rather than "no such route".
 */
@Component(service = ApiResource.class, property = ApiResource.NAME_PROPERTY + "=delivery",
        configurationPid = "org.deskplane.delivery.rest")
@Designate(ocd = DeliveryRestConfig.class)
public final class DeliveryResource implements ApiResource, DeliveryServices {

    private static final long MIB = 1024L * 1024;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PayloadRepository repository;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile DeploymentService engine;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditLog auditLog;

    private volatile long maxImportBytes = 1024 * MIB;

    private final List<Route> routes = join(new PayloadRoutes(this).routes(), new DeploymentRoutes(this).routes());

    @Activate
    @Modified
    void configure(DeliveryRestConfig config) {
        maxImportBytes = Math.max(1, config.maxImportMiB()) * MIB;
    }

    @Override
    public List<Route> routes() {
        return routes;
    }

    @Override
    public PayloadRepository payloads() {
        return present(repository, "payload repository (bundle org.deskplane.delivery.repository)");
    }

    @Override
    public DeploymentService deployments() {
        return present(engine, "deployment engine (bundle org.deskplane.delivery)");
    }

    @Override
    public long maxImportBytes() {
        return maxImportBytes;
    }

    @Override
    public void audit(AuditEvent event) {
        AuditLog log = auditLog;
        if (log != null) {
            try {
                log.record(event);
            } catch (UnsupportedOperationException e) {
                // a read-only audit log (the workbench's remote view of the server's) cannot take records; the change
                // itself is done, so answering 500 would only make the caller repeat it
            }
        }
    }

    private static <S> S present(S service, String what) {
        if (service == null) {
            throw new ApiException(503, "Delivery unavailable", "the " + what + " is not running; retry when it is back");
        }
        return service;
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
