package org.deskplane.modules.ui.internal;

import static org.deskplane.modules.ui.internal.ModuleWidgets.WIDGETS;

import java.nio.file.Files;
import java.nio.file.Path;

import org.deskplane.workbench.platform.ui.support.Widgets;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/** A file path typed or chosen with Browse…; a text field so that it can also be pasted (and filled by UI tests). */
final class FileField {

    private final Text text;

    FileField(Composite area, String id, String label, String[] extensions) {
        new Label(area, SWT.NONE).setText(label + ":");
        Composite row = Widgets.row(area, 2);
        text = new Text(row, SWT.BORDER);
        text.setData(WIDGETS.key(), id);
        text.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Button browse = new Button(row, SWT.PUSH);
        browse.setText("Browse\u2026");
        browse.addListener(SWT.Selection, e -> {
            FileDialog dialog = new FileDialog(area.getShell(), SWT.OPEN);
            dialog.setFilterExtensions(extensions);
            String chosen = dialog.open();
            if (chosen != null) {
                text.setText(chosen);
            }
        });
    }

    /** The path, or null with {@code problem} told why it is not a readable file. */
    Path file(java.util.function.Consumer<String> problem) {
        String value = text.getText().strip();
        if (value.isEmpty()) {
            problem.accept("Choose a file.");
            return null;
        }
        Path path = Path.of(value);
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            problem.accept("Not a readable file: " + value);
            return null;
        }
        return path;
    }
}
