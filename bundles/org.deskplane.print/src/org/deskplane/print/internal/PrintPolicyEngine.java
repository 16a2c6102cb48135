package org.deskplane.print.internal;

import java.util.Comparator;
import java.util.List;

import org.deskplane.print.policy.PrintPolicyRule;

/**
 * Applies the rules: the first matching rule (ascending order, then name) decides; when none matches, the printer is
 * allowed, so a server without rules prints (the embedded default) and an admin who wants "deny unless allowed" adds a
 * last rule that denies everything.
 */
final class PrintPolicyEngine {

    static final Comparator<PrintPolicyRule> ORDER = Comparator.comparingInt(PrintPolicyRule::order)
            .thenComparing(PrintPolicyRule::name);

    private PrintPolicyEngine() {
    }

    static PolicyDecision decide(List<PrintPolicyRule> rules, PolicyRequest request) {
        for (PrintPolicyRule rule : rules.stream().sorted(ORDER).toList()) {
            if (!matches(rule, request)) {
                continue;
            }
            if (rule.effect() == PrintPolicyRule.Effect.DENY) {
                return new PolicyDecision(false, rule.name(), "denied by print policy rule '" + rule.name() + "'");
            }
            if (rule.nearestOnly() && !request.nearest()) {
                return new PolicyDecision(false, rule.name(), "print policy rule '" + rule.name()
                        + "' allows only the printers nearest to the VM");
            }
            return new PolicyDecision(true, rule.name(), "allowed by print policy rule '" + rule.name() + "'");
        }
        return PolicyDecision.DEFAULT;
    }

    static boolean matches(PrintPolicyRule rule, PolicyRequest request) {
        var context = request.context();
        if (!rule.applications().isEmpty() && request.application().isEmpty()) {
            return false; // an unknown application matches no application rule
        }
        return Globs.anyMatches(rule.users(), context.user())
                && Globs.anyMatches(rule.vms(), context.vmName(), context.vmUuid(), context.vmKey())
                && Globs.anyMatches(rule.pools(), context.pool())
                && Globs.anyMatches(rule.printers(), request.vmPrinterId(), request.printer().name(),
                        request.printer().id())
                && Globs.anyMatches(rule.applications(), request.application());
    }
}
