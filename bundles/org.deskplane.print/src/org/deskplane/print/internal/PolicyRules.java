package org.deskplane.print.internal;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.deskplane.print.policy.PrintPolicyRule;

/** Checks policy rules and converts them to and from configuration properties. */
final class PolicyRules {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final int MAX_GLOBS = 100;
    private static final int MAX_GLOB_LENGTH = 256;

    private PolicyRules() {
    }

    static PrintPolicyRule parse(String name, int order, String effect, List<String> users, List<String> vms,
            List<String> pools, List<String> printers, List<String> applications, boolean nearestOnly) {
        PrintPolicyRule.Effect parsed;
        try {
            parsed = PrintPolicyRule.Effect.valueOf(effect == null ? "" : effect.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("effect: '" + effect + "' is not ALLOW or DENY");
        }
        return new PrintPolicyRule(name, order, parsed, users, vms, pools, printers, applications, nearestOnly);
    }

    /**
     * @return the rule with its globs stripped
     * @throws IllegalArgumentException naming the first field that is wrong
     */
    static PrintPolicyRule validated(PrintPolicyRule rule) {
        if (rule.name() == null || !NAME.matcher(rule.name()).matches()) {
            throw new IllegalArgumentException("name: '" + rule.name() + "' must be 1-64 of [A-Za-z0-9._-]");
        }
        if (rule.order() < 0) {
            throw new IllegalArgumentException("order: must not be negative");
        }
        if (rule.effect() == null) {
            throw new IllegalArgumentException("effect: ALLOW or DENY required");
        }
        if (rule.nearestOnly() && rule.effect() != PrintPolicyRule.Effect.ALLOW) {
            throw new IllegalArgumentException("nearestOnly: only an ALLOW rule can restrict to the nearest printers");
        }
        return new PrintPolicyRule(rule.name(), rule.order(), rule.effect(), globs("users", rule.users()),
                globs("vms", rule.vms()), globs("pools", rule.pools()), globs("printers", rule.printers()),
                globs("applications", rule.applications()), rule.nearestOnly());
    }

    private static List<String> globs(String field, List<String> globs) {
        if (globs.size() > MAX_GLOBS) {
            throw new IllegalArgumentException(field + ": at most " + MAX_GLOBS + " entries");
        }
        for (String glob : globs) {
            if (glob == null || glob.isBlank()) {
                throw new IllegalArgumentException(field + ": an empty entry (leave the list empty to match any)");
            }
            if (glob.length() > MAX_GLOB_LENGTH) {
                throw new IllegalArgumentException(field + ": an entry longer than " + MAX_GLOB_LENGTH + " characters");
            }
        }
        return globs.stream().map(String::strip).toList();
    }

    static Dictionary<String, Object> toProperties(PrintPolicyRule rule) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("name", rule.name());
        properties.put("order", rule.order());
        properties.put("effect", rule.effect().name());
        properties.put("users", rule.users().toArray(String[]::new));
        properties.put("vms", rule.vms().toArray(String[]::new));
        properties.put("pools", rule.pools().toArray(String[]::new));
        properties.put("printers", rule.printers().toArray(String[]::new));
        properties.put("applications", rule.applications().toArray(String[]::new));
        properties.put("nearestOnly", rule.nearestOnly());
        return properties;
    }

    static PrintPolicyRule fromProperties(Dictionary<String, Object> p) {
        Object order = p.get("order");
        return parse(text(p, "name"), order instanceof Number n ? n.intValue() : order == null ? 100
                : Integer.parseInt(order.toString().strip()), text(p, "effect"), list(p, "users"), list(p, "vms"),
                list(p, "pools"), list(p, "printers"), list(p, "applications"),
                Boolean.parseBoolean(String.valueOf(p.get("nearestOnly"))));
    }

    private static String text(Dictionary<String, Object> p, String key) {
        Object value = p.get(key);
        return value == null ? "" : value.toString();
    }

    /** Configuration Admin keeps what it was given: an array, a collection or a single string. */
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
}
