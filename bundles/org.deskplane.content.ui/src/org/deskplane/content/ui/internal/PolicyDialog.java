package org.deskplane.content.ui.internal;

import static org.deskplane.content.ui.internal.ContentWidgets.WIDGETS;

import java.util.LinkedHashMap;
import java.util.Map;

import org.deskplane.content.api.PolicyRuleSpec;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/**
 * Add or edit one policy rule: a text field per property, lists comma-separated. OK is refused (with the reason
 * under the fields) while the name or the order cannot be used; everything else is the server's to judge.
 */
final class PolicyDialog extends Dialog {

    private final String title;
    private final PolicyFields initial;
    private final boolean nameFixed;
    private final Map<String, Text> texts = new LinkedHashMap<>();
    private Label problem;
    private PolicyRuleSpec result;

    PolicyDialog(Shell parent, String title, PolicyFields initial, boolean nameFixed) {
        super(parent);
        this.title = title;
        this.initial = initial;
        this.nameFixed = nameFixed;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(title);
    }

    @Override
    protected boolean isResizable() {
        return true;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        area.setLayout(new GridLayout(2, false));
        for (String[] field : PolicyFields.FIELDS) {
            new Label(area, SWT.NONE).setText(field[1] + ":");
            Text text = new Text(area, SWT.BORDER);
            text.setText(initial.get(field[0]));
            text.setMessage(field[2]);
            text.setToolTipText(field[2]);
            text.setData(WIDGETS.key(), field[0]);
            GridData layout = new GridData(SWT.FILL, SWT.CENTER, true, false);
            layout.widthHint = 420;
            text.setLayoutData(layout);
            texts.put(field[0], text);
        }
        // renaming would be a new rule next to the old one: the name of an existing rule stays
        texts.get("name").setEditable(!nameFixed);
        problem = new Label(area, SWT.WRAP);
        problem.setData(WIDGETS.key(), "problem");
        problem.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        return area;
    }

    @Override
    protected void okPressed() {
        try {
            result = PolicyFields.from(id -> texts.get(id).getText()).toRule();
        } catch (IllegalArgumentException e) {
            problem.setText(e.getMessage());
            problem.getParent().layout(true);
            return;
        }
        super.okPressed();
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, "Save", true);
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    /** The rule entered, after OK; null when cancelled. */
    PolicyRuleSpec result() {
        return result;
    }
}
