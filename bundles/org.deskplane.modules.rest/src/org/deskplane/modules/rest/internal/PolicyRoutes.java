package org.deskplane.modules.rest.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.deskplane.modules.api.ModulePolicies;
import org.deskplane.modules.api.PolicyRule;
import org.deskplane.modules.api.Verb;
import org.deskplane.modules.rest.internal.ModuleDtos.Rule;
import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiRequest;
import org.deskplane.rest.api.ApiResult;
import org.deskplane.rest.api.Route;
import org.deskplane.security.api.Role;

/** The module policy rules; the host checks a rule for sense, its refusal (INVALID) is the 400 clients show. */
final class PolicyRoutes {

    private final ModuleServices services;

    PolicyRoutes(ModuleServices services) {
        this.services = services;
    }

    List<Route> routes() {
        return List.of(
                Route.get("/modules/policy", Role.ADMIN, "The module policy rules, in the order they are tried",
                        this::list),
                Route.put("/modules/policy/{id}", Role.ADMIN, "Create or replace a module policy rule {order, vms, "
                        + "images, verbs, modules, signers, allow}; a rule that makes no sense → 400", this::put),
                Route.delete("/modules/policy/{id}", Role.ADMIN, "Delete a module policy rule", this::delete));
    }

    private ApiResult list(ApiRequest request) {
        return ApiResult.ok(services.policies().rules().stream()
                .sorted(Comparator.comparingInt(PolicyRule::order).thenComparing(PolicyRule::id)).map(Rule::of)
                .toList());
    }

    private ApiResult put(ApiRequest request) {
        ModulePolicies policies = services.policies();
        String id = request.pathParam("id");
        Rule body = request.bodyAs(Rule.class);
        return ApiResult.ok(Rule.of(policies.put(toRule(id, body))));
    }

    private ApiResult delete(ApiRequest request) {
        String id = request.pathParam("id");
        if (!services.policies().delete(id)) {
            throw new ApiException(404, "NOT_FOUND", "no module policy rule '" + id + "'");
        }
        return ApiResult.noContent();
    }

    /** The body as a rule; shape errors are 400 here, sense errors (an empty glob, …) are the host's. */
    static PolicyRule toRule(String id, Rule body) {
        if (body.id() != null && !body.id().equals(id)) {
            throw ApiException.badRequest("the body names rule '" + body.id() + "' but the path names '" + id + "'");
        }
        if (body.allow() == null) {
            throw ApiException.badRequest("allow (true or false) is required");
        }
        return new PolicyRule(id, body.order() == null ? 100 : body.order(), set(body.vms()), set(body.images()),
                verbs(body.verbs()), set(body.modules()), set(body.signers()),
                body.allow());
    }

    /** A list as a set. No defaults are filled in: a rule with no VMs or images is the host's to refuse. */
    private static Set<String> set(List<String> values) {
        Set<String> out = new LinkedHashSet<>();
        for (String value : values == null ? List.<String>of() : values) {
            if (value == null) {
                throw ApiException.badRequest("a list holds null");
            }
            out.add(value.strip());
        }
        return out;
    }

    private static Set<Verb> verbs(List<String> names) {
        Set<Verb> out = EnumSet.noneOf(Verb.class);
        List<String> unknown = new ArrayList<>();
        for (String name : names == null ? List.<String>of() : names) {
            try {
                out.add(Verb.valueOf(name == null ? "" : name.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                unknown.add(String.valueOf(name));
            }
        }
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest("unknown verb(s) " + unknown + "; verbs are "
                    + Arrays.toString(Verb.values()));
        }
        return out;
    }
}
