package org.deskplane.print.ui.internal;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.deskplane.print.policy.PrintPolicyRule;

/**
 * The editor's text fields of a print policy rule and their conversion: lists are comma-separated. Only what cannot
 * be sent at all (no name, an order that is not a number) is refused here; the server judges the rest (name syntax,
 * globs) and its 400 is shown.
 */
final class PolicyFields {

    /** id, label, hint. */
    static final String[][] LISTS = {
            { "users", "Users", "globs of Deskplane users, comma-separated; empty = any" },
            { "vms", "VMs", "globs of VM names or UUIDs; empty = any" },
            { "pools", "Pools", "globs of VM pools; empty = any" },
            { "printers", "Printers", "globs of printer ids (pdf.pdf) or names; empty = any" },
            { "applications", "Applications", "globs of applications (only matches jobs that name one)" } };

    private PolicyFields() {
    }

    static String text(PrintPolicyRule rule, String id) {
        if (rule == null) {
            return "";
        }
        return String.join(", ", switch (id) {
            case "users" -> rule.users();
            case "vms" -> rule.vms();
            case "pools" -> rule.pools();
            case "printers" -> rule.printers();
            case "applications" -> rule.applications();
            default -> throw new IllegalArgumentException(id);
        });
    }

    /**
     * @param value the text of a field by id ({@code name}, {@code order}, the list ids)
     * @throws IllegalArgumentException naming the field that cannot be used
     */
    static PrintPolicyRule toRule(Function<String, String> value, PrintPolicyRule.Effect effect, boolean nearestOnly) {
        String name = value.apply("name").strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("Name: a rule needs a name.");
        }
        int order;
        String orderText = value.apply("order").strip();
        try {
            order = orderText.isEmpty() ? 100 : Integer.parseInt(orderText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Order: '" + orderText + "' is not a whole number.");
        }
        return new PrintPolicyRule(name, order, effect, list(value.apply("users")), list(value.apply("vms")),
                list(value.apply("pools")), list(value.apply("printers")), list(value.apply("applications")),
                nearestOnly);
    }

    static List<String> list(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
