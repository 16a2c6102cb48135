package org.deskplane.print.internal;

/**
 * The outcome of the policy for one request.
 *
 * @param rule the rule that decided, or "" when none matched (then everything is allowed)
 */
record PolicyDecision(boolean allowed, String rule, String reason) {

    static final PolicyDecision DEFAULT = new PolicyDecision(true, "", "no rule matched: allowed");
}
