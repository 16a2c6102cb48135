package org.deskplane.content.ui.internal;

import static org.deskplane.content.ui.internal.ContentWidgets.WIDGETS;

import org.deskplane.content.api.PolicyRuleSpec;
import org.deskplane.workbench.platform.ui.support.FormDialog;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Shell;

/**
 * Add or edit one policy rule: a text field per property, lists comma-separated. OK is refused (with the reason
 * under the fields) while the name or the order cannot be used; everything else is the server's to judge.
 */
final class PolicyDialog extends FormDialog {

    private final PolicyFields initial;
    private final boolean nameFixed;
    private PolicyRuleSpec result;

    PolicyDialog(Shell parent, String title, PolicyFields initial, boolean nameFixed) {
        super(parent, title, WIDGETS);
        this.initial = initial;
        this.nameFixed = nameFixed;
    }

    @Override
    protected void fields(Composite area) {
        for (String[] field : PolicyFields.FIELDS) {
            text(area, field[0], field[1], field[2], initial.get(field[0]))
                    // renaming would be a new rule next to the old one: the name of an existing rule stays
                    .setEditable(!(nameFixed && field[0].equals("name")));
        }
    }

    @Override
    protected boolean accept() {
        try {
            result = PolicyFields.from(this::value).toRule();
            return true;
        } catch (IllegalArgumentException e) {
            problem(e.getMessage());
            return false;
        }
    }

    /** The rule entered, after OK; null when cancelled. */
    PolicyRuleSpec result() {
        return result;
    }
}
