package org.deskplane.modules.ui.internal;

import static org.deskplane.modules.ui.internal.ModuleWidgets.WIDGETS;

import java.nio.file.Path;

import org.deskplane.workbench.platform.ui.support.FormDialog;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Shell;

/** Trust a module signing certificate from a PEM file, under an alias. */
final class CertificateDialog extends FormDialog {

    private FileField file;
    private String alias;
    private Path pem;

    CertificateDialog(Shell parent) {
        super(parent, "Trust a module signing certificate", WIDGETS);
    }

    @Override
    protected void fields(Composite area) {
        text(area, "alias", "Alias", "1-64 of A-Z a-z 0-9 . _ -", "");
        file = new FileField(area, "pem", "PEM file", new String[] { "*.pem;*.crt;*.cer", "*" });
    }

    @Override
    protected boolean accept() {
        alias = value("alias");
        if (alias.isEmpty()) {
            problem("Give the certificate an alias.");
            return false;
        }
        pem = file.file(this::problem);
        return pem != null;
    }

    String alias() {
        return alias;
    }

    Path pem() {
        return pem;
    }
}
