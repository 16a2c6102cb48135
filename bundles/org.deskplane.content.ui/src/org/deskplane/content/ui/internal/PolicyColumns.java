package org.deskplane.content.ui.internal;

import java.util.List;
import java.util.function.Function;

import org.deskplane.content.api.PolicyRuleSpec;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;

/** The Policies table's columns: one per rule property, lists comma-separated, empty lists shown as "any". */
final class PolicyColumns {

    static final int ORDER = 0;
    static final int NAME = 1;
    static final int EFFECT = 2;

    private PolicyColumns() {
    }

    static void create(TableViewer viewer) {
        column(viewer, "Order", 60, SWT.RIGHT, rule -> Integer.toString(rule.order()));
        column(viewer, "Name", 180, SWT.LEFT, PolicyRuleSpec::name);
        column(viewer, "Effect", 70, SWT.LEFT, PolicyRuleSpec::effect);
        column(viewer, "Operations", 130, SWT.LEFT, rule -> any(rule.operations()));
        column(viewer, "Paths", 150, SWT.LEFT, rule -> any(rule.paths()));
        column(viewer, "Sources", 120, SWT.LEFT, rule -> any(rule.sources()));
        column(viewer, "Users", 100, SWT.LEFT, rule -> any(rule.users()));
        column(viewer, "Roles", 100, SWT.LEFT, rule -> any(rule.roles()));
        column(viewer, "Networks", 110, SWT.LEFT, rule -> any(rule.networks()));
        column(viewer, "Form factors", 100, SWT.LEFT, rule -> any(rule.formFactors()));
        column(viewer, "When", 200, SWT.LEFT, PolicyColumns::when);
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

    private static void column(TableViewer viewer, String title, int width, int alignment,
            Function<PolicyRuleSpec, String> text) {
        TableViewerColumn column = new TableViewerColumn(viewer, alignment);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return element instanceof PolicyRuleSpec rule ? text.apply(rule) : "";
            }
        });
    }
}
