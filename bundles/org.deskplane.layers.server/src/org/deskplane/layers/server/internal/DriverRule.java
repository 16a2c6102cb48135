package org.deskplane.layers.server.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One admin rule choosing a driver set from an endpoint's DMI/PCI facts: {@code name: key ~ regex [&& key ~ regex]
 * -> driver-set}. Every condition must match (the whole value); a key ending in '*' is satisfied by any fact with
 * that prefix whose value matches.
 */
record DriverRule(String name, List<Condition> conditions, String driverSet) {

    record Condition(String key, Pattern pattern) {

        boolean matches(Map<String, String> facts) {
            if (key.endsWith("*")) {
                String prefix = key.substring(0, key.length() - 1);
                return facts.entrySet().stream()
                        .anyMatch(f -> f.getKey().startsWith(prefix) && pattern.matcher(f.getValue()).matches());
            }
            String value = facts.get(key);
            return value != null && pattern.matcher(value).matches();
        }
    }

    boolean matches(Map<String, String> facts) {
        return conditions.stream().allMatch(c -> c.matches(facts));
    }

    /** Parses one rule; a malformed rule is an error naming it (a silently ignored rule would bind wrong drivers). */
    static DriverRule parse(String text) {
        int colon = text.indexOf(':');
        int arrow = text.lastIndexOf("->");
        if (colon <= 0 || arrow < colon) {
            throw new IllegalArgumentException("driver rule is not 'name: key ~ regex -> driver-set': " + text);
        }
        String name = text.substring(0, colon).strip();
        String set = text.substring(arrow + 2).strip();
        List<Condition> conditions = new ArrayList<>();
        for (String part : text.substring(colon + 1, arrow).split("&&")) {
            int tilde = part.indexOf('~');
            if (tilde <= 0) {
                throw new IllegalArgumentException("driver rule " + name + ": condition is not 'key ~ regex': " + part.strip());
            }
            try {
                conditions.add(new Condition(part.substring(0, tilde).strip(), Pattern.compile(part.substring(tilde + 1).strip())));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("driver rule " + name + ": bad regular expression: " + e.getMessage(), e);
            }
        }
        if (name.isEmpty() || set.isEmpty()) {
            throw new IllegalArgumentException("driver rule needs a name and a driver set: " + text);
        }
        return new DriverRule(name, List.copyOf(conditions), set);
    }
}
