package org.deskplane.modules.testing;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.deskplane.modules.api.ModuleException;
import org.deskplane.modules.api.ModulePolicies;
import org.deskplane.modules.api.ModuleStatus;
import org.deskplane.modules.api.PolicyRule;
import org.deskplane.modules.api.Requester;
import org.deskplane.modules.api.SignerInfo;
import org.deskplane.modules.api.Verb;

/** Policy rules in memory: checked for sense on put, first match by order decides, no match denies a guest. */
public final class InMemoryModulePolicies implements ModulePolicies {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private final Map<String, PolicyRule> rules = new ConcurrentHashMap<>();

    @Override
    public List<PolicyRule> rules() {
        return rules.values().stream().sorted(Comparator.comparingInt(PolicyRule::order)
                .thenComparing(PolicyRule::id)).toList();
    }

    @Override
    public PolicyRule put(PolicyRule rule) {
        if (rule.id() == null || !ID.matcher(rule.id()).matches()) {
            throw new ModuleException(ModuleStatus.INVALID,
                    "rule id must be 1-64 of A-Z a-z 0-9 . _ -: '" + rule.id() + "'");
        }
        if (rule.order() < 0) {
            throw new ModuleException(ModuleStatus.INVALID, "order must not be negative: " + rule.order());
        }
        if (rule.vms().isEmpty() || rule.images().isEmpty()) {
            throw new ModuleException(ModuleStatus.INVALID, "a rule names the VMs and images it applies to ('*' for any)");
        }
        for (Set<String> globs : List.of(rule.vms(), rule.images(), rule.modules(), rule.signers())) {
            if (globs.stream().anyMatch(String::isBlank)) {
                throw new ModuleException(ModuleStatus.INVALID, "a pattern is empty");
            }
        }
        rules.put(rule.id(), rule);
        return rule;
    }

    @Override
    public boolean delete(String id) {
        return rules.remove(id) != null;
    }

    @Override
    public String deniedReason(Requester requester, Verb verb, String symbolicName, SignerInfo signer) {
        for (PolicyRule rule : rules()) {
            if (matches(rule.vms(), requester.vmId()) && matches(rule.images(), requester.image())
                    && (rule.verbs().isEmpty() || rule.verbs().contains(verb))
                    && (rule.modules().isEmpty() || symbolicName == null || matches(rule.modules(), symbolicName))
                    && (rule.signers().isEmpty() || signer == null || rule.signers().contains(signer.subject())
                            || rule.signers().contains(signer.sha256()))) {
                return rule.allow() ? null : "denied by rule " + rule.id();
            }
        }
        return "no policy rule allows " + verb + " for VM " + requester.vmId();
    }

    private static boolean matches(Set<String> globs, String value) {
        String v = value == null ? "" : value;
        return globs.stream().anyMatch(g -> Pattern.compile(Pattern.quote(g).replace("*", "\\E.*\\Q")).matcher(v)
                .matches());
    }
}
