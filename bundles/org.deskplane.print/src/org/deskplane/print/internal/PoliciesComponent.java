package org.deskplane.print.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.deskplane.print.api.PrintException;
import org.deskplane.print.api.PrintException.Kind;
import org.deskplane.print.policy.PrintPolicies;
import org.deskplane.print.policy.PrintPolicyRule;
import org.deskplane.security.api.AuditEvent;
import org.deskplane.security.api.AuditLog;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The print policy rules as factory configurations of {@value PolicyRuleComponent#PID}, one per rule found by its
 * {@code name}: rules written here, in the OSGi console or by provisioning are the same thing. A rule is validated
 * before it is stored, so a broken rule is refused with a reason instead of being ignored.
 */
@Component
public final class PoliciesComponent implements PrintPolicies {

    @Reference
    private ConfigurationAdmin configurationAdmin;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditLog audit;

    @Override
    public List<PrintPolicyRule> list() throws PrintException {
        List<PrintPolicyRule> rules = new ArrayList<>();
        for (Configuration configuration : configurations(null)) {
            try {
                rules.add(PolicyRules.fromProperties(configuration.getProperties()));
            } catch (RuntimeException e) {
                // a rule written around this service (console, provisioning) that does not parse: still shown
                // by name so the admin can see and fix or delete it (its component does not activate)
                rules.add(new PrintPolicyRule(String.valueOf(configuration.getProperties().get("name")), -1,
                        PrintPolicyRule.Effect.DENY, List.of(), List.of(), List.of(), List.of(), List.of(), false));
            }
        }
        rules.sort(PrintPolicyEngine.ORDER);
        return rules;
    }

    @Override
    public synchronized PrintPolicyRule put(String actor, PrintPolicyRule rule) throws PrintException {
        PrintPolicyRule valid;
        try {
            valid = PolicyRules.validated(rule);
        } catch (IllegalArgumentException e) {
            record(actor, "print.policy.put", rule.name(), AuditEvent.Result.FAILURE, e.getMessage());
            throw new PrintException(Kind.INVALID, "print policy rule '" + rule.name() + "': " + e.getMessage());
        }
        try {
            List<Configuration> existing = configurations(valid.name());
            Configuration configuration = existing.isEmpty()
                    ? configurationAdmin.createFactoryConfiguration(PolicyRuleComponent.PID, "?")
                    : existing.get(0);
            configuration.update(PolicyRules.toProperties(valid));
        } catch (IOException e) {
            throw new PrintException(Kind.STORAGE, "could not store print policy rule '" + valid.name() + "': "
                    + e.getMessage(), e);
        }
        record(actor, "print.policy.put", valid.name(), AuditEvent.Result.SUCCESS, valid.effect().name());
        return valid;
    }

    @Override
    public synchronized void delete(String actor, String name) throws PrintException {
        List<Configuration> existing = configurations(name);
        if (existing.isEmpty()) {
            throw new PrintException(Kind.NOT_FOUND, "no print policy rule '" + name + "'");
        }
        try {
            for (Configuration configuration : existing) {
                configuration.delete();
            }
        } catch (IOException e) {
            throw new PrintException(Kind.STORAGE, "could not delete print policy rule '" + name + "': "
                    + e.getMessage(), e);
        }
        record(actor, "print.policy.delete", name, AuditEvent.Result.SUCCESS, "");
    }

    private List<Configuration> configurations(String name) throws PrintException {
        String filter = "(service.factoryPid=" + PolicyRuleComponent.PID + ")";
        if (name != null) {
            filter = "(&" + filter + "(name=" + escape(name) + "))";
        }
        try {
            Configuration[] found = configurationAdmin.listConfigurations(filter);
            return found == null ? List.of() : List.of(found);
        } catch (InvalidSyntaxException e) {
            throw new PrintException(Kind.INVALID, "unusable rule name '" + name + "'", e);
        } catch (IOException e) {
            throw new PrintException(Kind.STORAGE, "could not read the print policy rules: " + e.getMessage(), e);
        }
    }

    private static String escape(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '*' || c == '(' || c == ')') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    private void record(String actor, String action, String target, AuditEvent.Result result, String detail) {
        AuditLog log = audit;
        if (log != null) {
            log.record(AuditEvent.now(actor, action, target, result, detail, "api"));
        }
    }
}
