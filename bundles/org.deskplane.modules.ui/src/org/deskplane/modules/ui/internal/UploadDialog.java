package org.deskplane.modules.ui.internal;

import static org.deskplane.modules.ui.internal.ModuleWidgets.WIDGETS;

import java.nio.file.Path;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;

/** Which jar to upload, and whether to load it right away. */
final class UploadDialog extends Dialog {

    private FileField file;
    private Button load;
    private Label problem;
    private Path jar;
    private boolean loadAfterUpload;

    UploadDialog(Shell parent) {
        super(parent);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Upload module");
    }

    @Override
    protected boolean isResizable() {
        return true;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        area.setLayout(new GridLayout(2, false));
        file = new FileField(area, "jar", "Module jar (signed)", new String[] { "*.jar", "*" });
        new Label(area, SWT.NONE);
        load = new Button(area, SWT.CHECK);
        load.setText("Load it after the upload");
        load.setData(WIDGETS.key(), "loadAfterUpload");
        problem = new Label(area, SWT.WRAP);
        problem.setData(WIDGETS.key(), "problem");
        problem.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        area.setLayoutData(new GridData(520, SWT.DEFAULT));
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, "Upload", true);
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    @Override
    protected void okPressed() {
        jar = file.file(problem::setText);
        if (jar == null) {
            return;
        }
        loadAfterUpload = load.getSelection();
        super.okPressed();
    }

    Path jar() {
        return jar;
    }

    boolean loadAfterUpload() {
        return loadAfterUpload;
    }
}
