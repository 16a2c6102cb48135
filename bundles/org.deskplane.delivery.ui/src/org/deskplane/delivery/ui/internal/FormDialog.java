package org.deskplane.delivery.ui.internal;

import static org.deskplane.delivery.ui.internal.DeliveryWidgets.WIDGETS;

import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/** A dialog of labelled fields with a problem line; subclasses add their fields and check them on Save. */
abstract class FormDialog extends Dialog {

    private final String title;
    private final Map<String, Text> texts = new LinkedHashMap<>();
    private Label problem;

    FormDialog(Shell parent, String title) {
        super(parent);
        this.title = title;
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
        problem.setData(WIDGETS.key(), "problem");
        problem.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        area.setLayoutData(new GridData(560, SWT.DEFAULT));
        return area;
    }

    /** Adds the fields to a two-column area. */
    protected abstract void fields(Composite area);

    /** Checks the fields and keeps the result; false (after {@link #problem(String)}) keeps the dialog open. */
    protected abstract boolean accept();

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, okLabel(), true);
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    /** The label of the OK button. */
    protected String okLabel() {
        return "Save";
    }

    @Override
    protected void okPressed() {
        if (accept()) {
            super.okPressed();
        }
    }

    protected Text text(Composite area, String id, String label, String hint, String value) {
        new Label(area, SWT.NONE).setText(label + ":");
        Text text = new Text(area, SWT.BORDER);
        text.setText(value == null ? "" : value);
        text.setMessage(hint);
        text.setToolTipText(hint);
        text.setData(WIDGETS.key(), id);
        text.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        texts.put(id, text);
        return text;
    }

    protected Combo combo(Composite area, String id, String label, String hint, java.util.List<String> items) {
        new Label(area, SWT.NONE).setText(label + ":");
        Combo combo = new Combo(area, SWT.READ_ONLY | SWT.DROP_DOWN);
        items.forEach(combo::add);
        if (!items.isEmpty()) {
            combo.select(0);
        }
        combo.setToolTipText(hint);
        combo.setData(WIDGETS.key(), id);
        combo.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        return combo;
    }

    protected String value(String id) {
        return texts.get(id).getText().strip();
    }

    protected void problem(String text) {
        problem.setText(text);
        problem.getParent().layout(true);
    }
}
