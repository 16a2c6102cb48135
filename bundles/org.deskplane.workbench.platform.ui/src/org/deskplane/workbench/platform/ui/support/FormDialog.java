package org.deskplane.workbench.platform.ui.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

/**
 * A dialog of labelled fields in two columns with a problem line under them: subclasses add their fields and check
 * them when OK is pressed; a refusal is said on the problem line and keeps the dialog open, so nothing typed is lost.
 * Fields carry their id under the bundle's {@link Widgets#key()}, so that UI tests find them.
 *
 * @since 1.1
 */
public abstract class FormDialog extends Dialog {

    private final String title;
    private final Widgets widgets;
    private final Map<String, Text> texts = new LinkedHashMap<>();
    private Label problem;

    protected FormDialog(Shell parent, String title, Widgets widgets) {
        super(parent);
        this.title = title;
        this.widgets = widgets;
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
    protected final Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        area.setLayout(new GridLayout(2, false));
        fields(area);
        problem = new Label(area, SWT.WRAP);
        problem.setData(widgets.key(), "problem");
        problem.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        area.setLayoutData(new GridData(560, SWT.DEFAULT));
        return area;
    }

    /** Adds the fields to a two-column area. */
    protected abstract void fields(Composite area);

    /** Checks the fields and keeps the result; false (after {@link #problem(String)}) keeps the dialog open. */
    protected abstract boolean accept();

    /** The label of the OK button. */
    protected String okLabel() {
        return "Save";
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, okLabel(), true);
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    @Override
    protected void okPressed() {
        if (accept()) {
            super.okPressed();
        }
    }

    /** A labelled text field with the id {@code id}; its value is {@link #value(String)}. */
    protected Text text(Composite area, String id, String label, String hint, String value) {
        new Label(area, SWT.NONE).setText(label + ":");
        Text text = new Text(area, SWT.BORDER);
        text.setText(value == null ? "" : value);
        text.setMessage(hint);
        text.setToolTipText(hint);
        text.setData(widgets.key(), id);
        text.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        texts.put(id, text);
        return text;
    }

    /** A labelled read-only drop-down of {@code items} with the first selected. */
    protected Combo combo(Composite area, String id, String label, String hint, List<String> items) {
        new Label(area, SWT.NONE).setText(label + ":");
        Combo combo = new Combo(area, SWT.READ_ONLY | SWT.DROP_DOWN);
        items.forEach(combo::add);
        if (!items.isEmpty()) {
            combo.select(0);
        }
        combo.setToolTipText(hint);
        combo.setData(widgets.key(), id);
        combo.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        return combo;
    }

    /** A check box in the second column, with the id {@code id}. */
    protected Button check(Composite area, String id, String label, boolean selected) {
        new Label(area, SWT.NONE);
        Button check = new Button(area, SWT.CHECK);
        check.setText(label);
        check.setSelection(selected);
        check.setData(widgets.key(), id);
        return check;
    }

    /** The stripped text of the field {@code id}. */
    protected String value(String id) {
        return texts.get(id).getText().strip();
    }

    /** Says why OK was refused, under the fields. */
    protected void problem(String text) {
        problem.setText(text);
        problem.getParent().layout(true);
    }
}
