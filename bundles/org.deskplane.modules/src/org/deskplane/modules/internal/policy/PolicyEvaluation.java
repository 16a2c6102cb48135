package org.deskplane.modules.internal.policy;

import java.util.Comparator;
import java.util.List;

import org.deskplane.modules.api.PolicyRule;
import org.deskplane.modules.api.Requester;
import org.deskplane.modules.api.SignerInfo;
import org.deskplane.modules.api.Verb;

/** First matching rule decides; with none a guest is denied, because a guest is never trusted by default. */
final class PolicyEvaluation {

    private PolicyEvaluation() {
    }

    /** @return null when allowed, else why not */
    static String deniedReason(List<PolicyRule> rules, Requester requester, Verb verb, String module, SignerInfo signer) {
        if (requester.admin()) {
            return null;
        }
        List<PolicyRule> ordered = rules.stream()
                .sorted(Comparator.comparingInt(PolicyRule::order).thenComparing(PolicyRule::id)).toList();
        for (PolicyRule rule : ordered) {
            if (applies(rule, requester, verb, module, signer)) {
                return rule.allow() ? null
                        : "module policy rule '" + rule.id() + "' denies " + verb + " for VM " + requester.vmId();
            }
        }
        return "no module policy rule allows " + verb + (module == null ? "" : " of " + module) + " for VM "
                + requester.vmId() + " (image " + requester.image() + ")";
    }

    /** "CN=a, O=b" and "cn=a,o=b" name the same signer. */
    private static boolean sameName(String ruleName, String subject) {
        if (ruleName.equals(subject)) {
            return true;
        }
        try {
            return new javax.security.auth.x500.X500Principal(ruleName)
                    .equals(new javax.security.auth.x500.X500Principal(subject));
        } catch (IllegalArgumentException e) {
            return false; // not a distinguished name: a fingerprint that did not match
        }
    }

    private static boolean applies(PolicyRule rule, Requester requester, Verb verb, String module, SignerInfo signer) {
        if (!rule.verbs().isEmpty() && !rule.verbs().contains(verb)) {
            return false;
        }
        if (!Globs.anyMatches(rule.vms(), requester.vmId()) || !Globs.anyMatches(rule.images(), requester.image())) {
            return false;
        }
        if (module != null && !Globs.anyMatches(rule.modules(), module)) {
            return false;
        }
        // A verb that names no module yet (an upload before its jar is read, a status) passes the module and signer
        // patterns: the upload is checked again with both when it is committed.
        if (signer != null && !rule.signers().isEmpty()) {
            return rule.signers().stream().anyMatch(s -> s.equalsIgnoreCase(signer.sha256())
                    || sameName(s, signer.subject()));
        }
        return true;
    }
}
