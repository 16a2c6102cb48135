package org.deskplane.delivery.ui.internal;

import static org.deskplane.delivery.ui.internal.DeliveryWidgets.WIDGETS;

import java.nio.file.Files;
import java.nio.file.Path;

import org.deskplane.workbench.platform.ui.support.FormDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/** Asks for a payload zip: typed (scripts, tests) or chosen with Browse…. */
final class ImportDialog extends FormDialog {

    private Path zip;

    ImportDialog(Shell parent) {
        super(parent, "Import payload", WIDGETS);
    }

    @Override
    protected void fields(Composite area) {
        Text file = text(area, "zip", "Zip archive", "a zip with deskplane-payload.conf in its root", "");
        new Label(area, SWT.NONE);
        Button browse = new Button(area, SWT.PUSH);
        browse.setText("Browse\u2026");
        browse.addListener(SWT.Selection, e -> {
            FileDialog dialog = new FileDialog(getShell(), SWT.OPEN);
            dialog.setFilterExtensions(new String[] { "*.zip", "*" });
            String chosen = dialog.open();
            if (chosen != null) {
                file.setText(chosen);
            }
        });
    }

    @Override
    protected String okLabel() {
        return "Import";
    }

    @Override
    protected boolean accept() {
        String value = value("zip");
        if (value.isEmpty()) {
            problem("Choose a zip archive.");
            return false;
        }
        Path path = Path.of(value);
        if (!Files.isRegularFile(path)) {
            problem(value + " is not a file.");
            return false;
        }
        zip = path;
        return true;
    }

    Path zip() {
        return zip;
    }
}
