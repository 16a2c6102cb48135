package org.deskplane.content.ui.internal;

import java.util.Arrays;
import java.util.List;

import org.deskplane.content.api.PolicyRuleSpec;

/**
 * A policy rule as the text fields of the editor show it: lists comma-separated. Turning the texts back into a
 * rule checks only what a text field can get wrong (the order must be a number); what the rule means is checked
 * by the server, whose refusal the part shows.
 */
record PolicyFields(String name, String order, String effect, String operations, String users, String roles,
        String sources, String paths, String networks, String formFactors, String days, String from, String to,
        String zone) {

    /** The field ids in dialog order, with their labels and hints. */
    static final List<String[]> FIELDS = List.of(
            new String[] { "name", "Name", "unique, e.g. deny-downloads-from-outside" },
            new String[] { "order", "Order", "rules are tried from the lowest order up; the first match decides" },
            new String[] { "effect", "Effect", "ALLOW, DENY or POWER_ON" },
            new String[] { "operations", "Operations", "READ, WRITE (empty: both)" },
            new String[] { "users", "Users", "user names (empty: anyone)" },
            new String[] { "roles", "Roles", "USER, OPERATOR, ADMIN (empty: any)" },
            new String[] { "sources", "Sources", "data source ids or patterns, e.g. share:* (empty: all)" },
            new String[] { "paths", "Paths", "path patterns, e.g. /secret/** (empty: all)" },
            new String[] { "networks", "Networks", "CIDR, e.g. 10.0.0.0/8 (empty: anywhere)" },
            new String[] { "formFactors", "Form factors", "desktop, tablet, phone (empty: any)" },
            new String[] { "days", "Days", "MONDAY, … (empty: every day)" },
            new String[] { "from", "From", "HH:mm (empty: all day)" },
            new String[] { "to", "To", "HH:mm" },
            new String[] { "zone", "Zone", "time zone of the window, e.g. UTC or Europe/Berlin" });

    static PolicyFields of(PolicyRuleSpec rule) {
        return new PolicyFields(rule.name(), Integer.toString(rule.order()), rule.effect(), join(rule.operations()),
                join(rule.users()), join(rule.roles()), join(rule.sources()), join(rule.paths()),
                join(rule.networks()), join(rule.formFactors()), join(rule.days()), rule.from(), rule.to(),
                rule.zone());
    }

    static PolicyFields empty() {
        return new PolicyFields("", "100", "DENY", "", "", "", "", "", "", "", "", "", "", "UTC");
    }

    String get(String id) {
        return switch (id) {
            case "name" -> name;
            case "order" -> order;
            case "effect" -> effect;
            case "operations" -> operations;
            case "users" -> users;
            case "roles" -> roles;
            case "sources" -> sources;
            case "paths" -> paths;
            case "networks" -> networks;
            case "formFactors" -> formFactors;
            case "days" -> days;
            case "from" -> from;
            case "to" -> to;
            case "zone" -> zone;
            default -> throw new IllegalArgumentException("no field " + id);
        };
    }

    static PolicyFields from(java.util.function.Function<String, String> text) {
        return new PolicyFields(text.apply("name"), text.apply("order"), text.apply("effect"),
                text.apply("operations"), text.apply("users"), text.apply("roles"), text.apply("sources"),
                text.apply("paths"), text.apply("networks"), text.apply("formFactors"), text.apply("days"),
                text.apply("from"), text.apply("to"), text.apply("zone"));
    }

    /** @throws IllegalArgumentException with a message for the user when the name or order is unusable */
    PolicyRuleSpec toRule() {
        if (name.isBlank()) {
            throw new IllegalArgumentException("Enter a name for the rule.");
        }
        int number;
        try {
            number = Integer.parseInt(order.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The order must be a whole number, not '" + order + "'.");
        }
        return new PolicyRuleSpec(name.strip(), number, effect.strip(), split(operations), split(users), split(roles),
                split(sources), split(paths), split(networks), split(formFactors), split(days), from.strip(),
                to.strip(), zone.strip());
    }

    static List<String> split(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(value -> !value.isEmpty()).toList();
    }

    static String join(List<String> values) {
        return String.join(", ", values);
    }
}
