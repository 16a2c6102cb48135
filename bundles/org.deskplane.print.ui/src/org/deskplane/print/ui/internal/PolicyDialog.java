package org.deskplane.print.ui.internal;

import static org.deskplane.print.ui.internal.PrintWidgets.WIDGETS;

import java.util.List;

import org.deskplane.print.policy.PrintPolicyRule;
import org.deskplane.workbench.platform.ui.support.FormDialog;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Shell;

/** Add or edit one print policy rule; the name of an existing rule stays (renaming would add a second rule). */
final class PolicyDialog extends FormDialog {

    private final PrintPolicyRule initial;
    private Combo effect;
    private Button nearestOnly;
    private PrintPolicyRule result;

    /** @param initial the rule to edit, or null to add one */
    PolicyDialog(Shell parent, String title, PrintPolicyRule initial) {
        super(parent, title, WIDGETS);
        this.initial = initial;
    }

    @Override
    protected void fields(Composite area) {
        text(area, "name", "Name", "1-64 of A-Z a-z 0-9 . _ -", initial == null ? "" : initial.name())
                .setEditable(initial == null);
        text(area, "order", "Order", "rules are tried in ascending order; the first that matches decides",
                initial == null ? "100" : Integer.toString(initial.order()));
        effect = combo(area, "effect", "Effect", "ALLOW or DENY the matching print jobs", List.of("ALLOW", "DENY"));
        effect.select(initial != null && initial.effect() == PrintPolicyRule.Effect.DENY ? 1 : 0);
        for (String[] field : PolicyFields.LISTS) {
            text(area, field[0], field[1], field[2], PolicyFields.text(initial, field[0]));
        }
        nearestOnly = check(area, "nearestOnly", "Nearest printers only (ALLOW: the others are denied by this rule)",
                initial != null && initial.nearestOnly());
    }

    @Override
    protected boolean accept() {
        try {
            result = PolicyFields.toRule(this::value, PrintPolicyRule.Effect.valueOf(effect.getText()),
                    nearestOnly.getSelection());
            return true;
        } catch (IllegalArgumentException e) {
            problem(e.getMessage());
            return false;
        }
    }

    /** The rule entered, after OK; null when cancelled. */
    PrintPolicyRule result() {
        return result;
    }
}
