package org.deskplane.content.internal;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;

import org.deskplane.content.api.RequestContext;
import org.deskplane.content.internal.PolicyRule.Effect;
import org.deskplane.content.internal.PolicyRule.Operation;

/**
 * Decides content requests: the first matching rule in {@link PolicyRule#order()} decides; with no match,
 * reading is allowed and writing is not (a source must be opened for writing by a rule on purpose).
 */
public final class PolicyEngine {

    /** The outcome and the rule that gave it ("default" when none matched). */
    public record Decision(Effect effect, String rule) {
        public boolean allowed() {
            return effect == Effect.ALLOW;
        }
    }

    private final Clock clock;

    public PolicyEngine(Clock clock) {
        this.clock = clock;
    }

    public Decision decide(List<PolicyRule> rules, RequestContext context, String sourceId, String path,
            Operation operation) {
        ZonedDateTime now = ZonedDateTime.now(clock);
        return rules.stream().sorted(Comparator.comparingInt(PolicyRule::order).thenComparing(PolicyRule::name))
                .filter(rule -> rule.matches(context, sourceId, path, operation, now)).findFirst()
                .map(rule -> new Decision(rule.effect(), rule.name()))
                .orElse(new Decision(operation == Operation.READ ? Effect.ALLOW : Effect.DENY, "default"));
    }
}
