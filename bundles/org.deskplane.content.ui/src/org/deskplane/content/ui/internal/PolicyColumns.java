package org.deskplane.content.ui.internal;

import java.util.List;

import org.deskplane.content.api.PolicyRuleSpec;
import org.deskplane.workbench.platform.ui.support.TableSection;
import org.eclipse.swt.SWT;

/** The Policies table's columns: one per rule property, lists comma-separated, empty lists shown as "any". */
final class PolicyColumns {

    static final int ORDER = 0;
    static final int NAME = 1;
    static final int EFFECT = 2;

    private PolicyColumns() {
    }

    static void create(TableSection<PolicyRuleSpec> table) {
        table.column("Order", 60, SWT.RIGHT, rule -> Integer.toString(rule.order()))
                .column("Name", 180, SWT.LEFT, PolicyRuleSpec::name)
                .column("Effect", 70, SWT.LEFT, PolicyRuleSpec::effect)
                .column("Operations", 130, SWT.LEFT, rule -> any(rule.operations()))
                .column("Paths", 150, SWT.LEFT, rule -> any(rule.paths()))
                .column("Sources", 120, SWT.LEFT, rule -> any(rule.sources()))
                .column("Users", 100, SWT.LEFT, rule -> any(rule.users()))
                .column("Roles", 100, SWT.LEFT, rule -> any(rule.roles()))
                .column("Networks", 110, SWT.LEFT, rule -> any(rule.networks()))
                .column("Form factors", 100, SWT.LEFT, rule -> any(rule.formFactors()))
                .column("When", 200, SWT.LEFT, PolicyColumns::when);
    }

    private static String any(List<String> values) {
        return values.isEmpty() ? "any" : String.join(", ", values);
    }

    private static String when(PolicyRuleSpec rule) {
        String days = rule.days().isEmpty() ? "" : String.join(", ", rule.days()) + " ";
        String window = rule.from().isEmpty() && rule.to().isEmpty() ? ""
                : rule.from() + "\u2013" + rule.to() + " " + rule.zone();
        String text = (days + window).strip();
        return text.isEmpty() ? "always" : text;
    }
}
