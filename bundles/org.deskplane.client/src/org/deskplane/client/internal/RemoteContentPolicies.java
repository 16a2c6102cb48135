package org.deskplane.client.internal;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

import org.deskplane.content.api.ContentPolicies;
import org.deskplane.content.api.PolicyRuleSpec;

/**
 * The server's content policy rules over {@code /api/profile/policies} (ADMIN only). The {@code actor} is not
 * sent: the server audits the logged-in user. A rule the server refuses (400) comes back as a
 * {@link org.deskplane.content.api.ContentException} with reason INVALID and the server's explanation.
 */
final class RemoteContentPolicies implements ContentPolicies {

    private final RestClient rest;

    RemoteContentPolicies(RestClient rest) {
        this.rest = rest;
    }

    @Override
    public List<PolicyRuleSpec> list() throws IOException {
        return RemoteContentAccess.call(() -> JsonMapping.list(rest.getJson("/profile/policies"), "policy rule",
                ContentJson::rule));
    }

    @Override
    public PolicyRuleSpec put(String actor, PolicyRuleSpec rule) throws IOException {
        Objects.requireNonNull(rule, "rule");
        if (rule.name() == null || rule.name().isBlank()) {
            throw new IllegalArgumentException("a policy rule needs a name");
        }
        return RemoteContentAccess.call(() -> ContentJson.rule(rest.sendJson("PUT", path(rule.name()),
                ContentJson.ruleBody(rule))));
    }

    @Override
    public void delete(String actor, String name) throws IOException {
        RemoteContentAccess.call(() -> rest.sendJson("DELETE", path(Objects.requireNonNull(name, "name")), null));
    }

    private static String path(String name) {
        return "/profile/policies/" + PathSegments.segment(name);
    }
}
