package org.deskplane.print.ui.internal;

import static org.deskplane.print.ui.internal.PrintWidgets.WIDGETS;

import java.util.LinkedHashMap;
import java.util.Map;

import org.deskplane.print.policy.PrintPolicyRule;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/** Add or edit one print policy rule; the name of an existing rule stays (renaming would add a second rule). */
final class PolicyDialog extends Dialog {

    private final String title;
    private final PrintPolicyRule initial;
    private final Map<String, Text> texts = new LinkedHashMap<>();
    private Combo effect;
    private Button nearestOnly;
    private Label problem;
    private PrintPolicyRule result;

    /** @param initial the rule to edit, or null to add one */
    PolicyDialog(Shell parent, String title, PrintPolicyRule initial) {
        super(parent);
        this.title = title;
        this.initial = initial;
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
        text(area, "name", "Name", "1-64 of A-Z a-z 0-9 . _ -", initial == null ? "" : initial.name())
                .setEditable(initial == null);
        text(area, "order", "Order", "rules are tried in ascending order; the first that matches decides",
                initial == null ? "100" : Integer.toString(initial.order()));
        new Label(area, SWT.NONE).setText("Effect:");
        effect = new Combo(area, SWT.READ_ONLY);
        effect.setItems("ALLOW", "DENY");
        effect.select(initial != null && initial.effect() == PrintPolicyRule.Effect.DENY ? 1 : 0);
        effect.setData(WIDGETS.key(), "effect");
        for (String[] field : PolicyFields.LISTS) {
            text(area, field[0], field[1], field[2], PolicyFields.text(initial, field[0]));
        }
        new Label(area, SWT.NONE);
        nearestOnly = new Button(area, SWT.CHECK);
        nearestOnly.setText("Nearest printers only (ALLOW: the others are denied by this rule)");
        nearestOnly.setSelection(initial != null && initial.nearestOnly());
        nearestOnly.setData(WIDGETS.key(), "nearestOnly");
        problem = new Label(area, SWT.WRAP);
        problem.setData(WIDGETS.key(), "problem");
        problem.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        return area;
    }

    private Text text(Composite area, String id, String label, String hint, String value) {
        new Label(area, SWT.NONE).setText(label + ":");
        Text text = new Text(area, SWT.BORDER);
        text.setText(value);
        text.setMessage(hint);
        text.setToolTipText(hint);
        text.setData(WIDGETS.key(), id);
        GridData layout = new GridData(SWT.FILL, SWT.CENTER, true, false);
        layout.widthHint = 420;
        text.setLayoutData(layout);
        texts.put(id, text);
        return text;
    }

    @Override
    protected void okPressed() {
        try {
            result = PolicyFields.toRule(id -> texts.get(id).getText(),
                    PrintPolicyRule.Effect.valueOf(effect.getText()), nearestOnly.getSelection());
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
    PrintPolicyRule result() {
        return result;
    }
}
