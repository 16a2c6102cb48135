package org.deskplane.content.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.deskplane.content.api.ContentException;
import org.deskplane.content.api.ContentException.Reason;
import org.deskplane.content.api.ContentPolicies;
import org.deskplane.content.api.PolicyRuleSpec;
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
 * The policy rules kept as factory configurations of {@value PolicyRuleComponent#PID} (one per rule, found by its
 * {@code name}), so rules written here, in the OSGi console or by provisioning are the same thing. A rule is
 * validated before it is stored: a broken rule is refused, never silently ignored.
 */
@Component
public final class ContentPoliciesComponent implements ContentPolicies {

    @Reference
    private ConfigurationAdmin configurationAdmin;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditLog audit;

    @Override
    public List<PolicyRuleSpec> list() throws IOException {
        List<PolicyRuleSpec> rules = new ArrayList<>();
        for (Configuration configuration : configurations(null)) {
            rules.add(fromProperties(configuration.getProperties()));
        }
        rules.sort(Comparator.comparingInt(PolicyRuleSpec::order).thenComparing(PolicyRuleSpec::name));
        return rules;
    }

    @Override
    public synchronized PolicyRuleSpec put(String actor, PolicyRuleSpec rule) throws IOException {
        try {
            PolicyRuleComponent.toRule(rule);
        } catch (IllegalArgumentException e) {
            record(actor, "content.policy.put", rule.name(), AuditEvent.Result.FAILURE, e.getMessage());
            throw new ContentException(Reason.INVALID, "policy rule '" + rule.name() + "': " + e.getMessage(), e);
        }
        List<Configuration> existing = configurations(rule.name());
        Configuration configuration = existing.isEmpty()
                ? configurationAdmin.createFactoryConfiguration(PolicyRuleComponent.PID, "?")
                : existing.get(0);
        configuration.update(toProperties(rule));
        record(actor, "content.policy.put", rule.name(), AuditEvent.Result.SUCCESS, rule.effect());
        return rule;
    }

    @Override
    public synchronized void delete(String actor, String name) throws IOException {
        List<Configuration> existing = configurations(name);
        if (existing.isEmpty()) {
            throw new ContentException(Reason.NOT_FOUND, "no policy rule '" + name + "'");
        }
        for (Configuration configuration : existing) {
            configuration.delete();
        }
        record(actor, "content.policy.delete", name, AuditEvent.Result.SUCCESS, "");
    }

    private List<Configuration> configurations(String name) throws IOException {
        String filter = "(service.factoryPid=" + PolicyRuleComponent.PID + ")";
        if (name != null) {
            filter = "(&" + filter + "(name=" + escape(name) + "))";
        }
        try {
            Configuration[] found = configurationAdmin.listConfigurations(filter);
            return found == null ? List.of() : List.of(found);
        } catch (InvalidSyntaxException e) {
            throw new ContentException(Reason.INVALID, "unusable rule name '" + name + "'", e);
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

    private static Dictionary<String, Object> toProperties(PolicyRuleSpec rule) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("name", rule.name());
        properties.put("order", rule.order());
        properties.put("effect", rule.effect());
        properties.put("operations", rule.operations().toArray(String[]::new));
        properties.put("users", rule.users().toArray(String[]::new));
        properties.put("roles", rule.roles().toArray(String[]::new));
        properties.put("sources", rule.sources().toArray(String[]::new));
        properties.put("paths", rule.paths().toArray(String[]::new));
        properties.put("networks", rule.networks().toArray(String[]::new));
        properties.put("formFactors", rule.formFactors().toArray(String[]::new));
        properties.put("days", rule.days().toArray(String[]::new));
        properties.put("from", rule.from());
        properties.put("to", rule.to());
        properties.put("zone", rule.zone());
        return properties;
    }

    private static PolicyRuleSpec fromProperties(Dictionary<String, Object> p) {
        return new PolicyRuleSpec(text(p, "name"), p.get("order") instanceof Number n ? n.intValue()
                : Integer.parseInt(String.valueOf(p.get("order") == null ? "100" : p.get("order"))), text(p, "effect"),
                list(p, "operations"), list(p, "users"), list(p, "roles"), list(p, "sources"), list(p, "paths"),
                list(p, "networks"), list(p, "formFactors"), list(p, "days"), text(p, "from"), text(p, "to"),
                text(p, "zone"));
    }

    private static String text(Dictionary<String, Object> p, String key) {
        Object value = p.get(key);
        return value == null ? "" : value.toString();
    }

    /** ConfigAdmin keeps what it was given: an array, a collection or a single string. */
    private static List<String> list(Dictionary<String, Object> p, String key) {
        Object value = p.get(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof String[] array) {
            return List.of(array);
        }
        if (value instanceof java.util.Collection<?> collection) {
            return collection.stream().map(String::valueOf).toList();
        }
        return List.of(value.toString());
    }

    private void record(String actor, String action, String target, AuditEvent.Result result, String detail) {
        AuditLog log = audit;
        if (log != null) {
            log.record(AuditEvent.now(actor, action, target, result, detail, "api"));
        }
    }
}
