package org.deskplane.client.internal;

import java.util.List;
import java.util.Objects;

import org.deskplane.print.api.PrintException;
import org.deskplane.print.policy.PrintPolicies;
import org.deskplane.print.policy.PrintPolicyRule;

/**
 * The server's print policy rules over {@code /api/print/policies} (ADMIN only). The {@code actor} is not sent: the
 * server audits the logged-in user. A rule the server refuses (400) is a {@link PrintException} of kind INVALID with
 * the server's explanation.
 */
final class RemotePrintPolicies implements PrintPolicies {

    private final RestClient rest;

    RemotePrintPolicies(RestClient rest) {
        this.rest = rest;
    }

    @Override
    public List<PrintPolicyRule> list() throws PrintException {
        return PrintErrors.call(() -> JsonMapping.list(rest.getJson("/print/policies"), "print policy rule",
                PrintJson::rule));
    }

    @Override
    public PrintPolicyRule put(String actor, PrintPolicyRule rule) throws PrintException {
        Objects.requireNonNull(rule, "rule");
        if (rule.name() == null || rule.name().isBlank()) {
            throw new PrintException(PrintException.Kind.INVALID, "a print policy rule needs a name");
        }
        return PrintErrors.call(() -> PrintJson.rule(rest.sendJson("PUT", path(rule.name()), PrintJson.ruleBody(rule))));
    }

    @Override
    public void delete(String actor, String name) throws PrintException {
        PrintErrors.call(() -> rest.sendJson("DELETE", path(Objects.requireNonNull(name, "name")), null));
    }

    private static String path(String name) {
        return "/print/policies/" + PathSegments.segment(name);
    }
}
