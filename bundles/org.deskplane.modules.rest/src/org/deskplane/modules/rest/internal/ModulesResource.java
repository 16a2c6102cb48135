package org.deskplane.modules.rest.internal;

import java.util.ArrayList;
import java.util.List;

import org.deskplane.modules.api.ModuleHost;
import org.deskplane.modules.api.ModulePolicies;
import org.deskplane.modules.api.ModuleTrust;
import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiResource;
import org.deskplane.rest.api.Route;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The {@code modules} group of REST routes. The module host, trust store and policy are dynamic optional
 * references: the routes stay registered while one of them is updated and answer 503 until it is back. A module
 * host's refusal is answered with the HTTP status {@link ModuleProblems} gives it, the status name as title.
 * The host audits every request itself, so nothing is audited again here.
 */
@Component(service = ApiResource.class, property = ApiResource.NAME_PROPERTY + "=modules")
public final class ModulesResource implements ApiResource, ModuleServices {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ModuleHost host;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ModuleTrust trust;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ModulePolicies policies;

    private final List<Route> routes = guarded(new ModuleRoutes(this).routes(),
            new RegistrationRoutes(this).routes(), new TrustRoutes(this).routes(), new PolicyRoutes(this).routes());

    @Override
    public List<Route> routes() {
        return routes;
    }

    @Override
    public ModuleHost host() {
        return present(host, "module host (bundle org.deskplane.modules)");
    }

    @Override
    public ModuleTrust trust() {
        return present(trust, "module trust store (bundle org.deskplane.modules.trust)");
    }

    @Override
    public ModulePolicies policies() {
        return present(policies, "module policy (bundle org.deskplane.modules)");
    }

    private static <S> S present(S service, String what) {
        if (service == null) {
            throw new ApiException(503, "Modules unavailable",
                    "the " + what + " is not running; retry when it is back");
        }
        return service;
    }

    @SafeVarargs
    private static List<Route> guarded(List<Route>... groups) {
        List<Route> all = new ArrayList<>();
        for (List<Route> group : groups) {
            for (Route route : group) {
                all.add(new Route(route.method(), route.path(), route.minimumRole(), route.summary(),
                        Guarded.of(route.handler())));
            }
        }
        return List.copyOf(all);
    }
}
