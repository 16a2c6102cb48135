package org.deskplane.workbench.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;

/**
 * What UI tests do with the running workbench's model and widgets: find parts and bring them to the top, read
 * tables, press buttons, take screenshots. Methods taking model elements or widgets must run on the UI thread
 * ({@link RunningWorkbench#ui}); the ones taking the {@link RunningWorkbench} get there themselves.
 */
public final class WorkbenchModel {

    /** Widget data key under which the workbench's parts name their tables. */
    public static final String TABLE_NAME = "org.deskplane.workbench.table";

    private WorkbenchModel() {
    }

    public static MWindow window(MApplication application) {
        return application.getChildren().get(0);
    }

    public static MPart part(MApplication application, String id) {
        EModelService models = application.getContext().get(EModelService.class);
        List<MPart> found = models.findElements(application, id, MPart.class);
        if (found.isEmpty()) {
            throw new AssertionError("No part " + id + " in the model: the model fragment was not applied");
        }
        return found.get(0);
    }

    /** Brings the part's tab to the top as a click would, so that screenshots show it. */
    public static void activate(RunningWorkbench workbench, String partId) {
        workbench.ui(wb -> {
            MPart part = part(wb.getApplication(), partId);
            wb.getApplication().getContext().get(EPartService.class).showPart(part, EPartService.PartState.ACTIVATE);
            part.getParent().setSelectedElement(part);
            return part;
        });
    }

    /** The texts of all rows of the named table in the part; empty while the part is not rendered. */
    public static List<List<String>> tableRows(MPart part, String name) {
        if (!(part.getWidget() instanceof Composite composite)) {
            return List.of();
        }
        Table table = findTable(composite, name);
        if (table == null) {
            return List.of();
        }
        List<List<String>> rows = new ArrayList<>();
        for (TableItem item : table.getItems()) {
            List<String> row = new ArrayList<>();
            for (int column = 0; column < table.getColumnCount(); column++) {
                row.add(item.getText(column));
            }
            rows.add(row);
        }
        return rows;
    }

    public static Table findTable(Composite parent, String name) {
        for (Control child : parent.getChildren()) {
            if (child instanceof Table table && name.equals(table.getData(TABLE_NAME))) {
                return table;
            }
            if (child instanceof Composite composite) {
                Table found = findTable(composite, name);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    public static Button findButton(Composite parent, String label) {
        for (Control child : parent.getChildren()) {
            // "&Close" is the label "Close" with its mnemonic
            if (child instanceof Button button && label.equals(button.getText().replace("&", ""))) {
                return button;
            }
            if (child instanceof Composite composite) {
                Button found = findButton(composite, label);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** Clicks the part's button with this label, as a user would. */
    public static void press(MPart part, String label) {
        Button button = findButton((Composite) part.getWidget(), label);
        if (button == null) {
            throw new AssertionError("no button " + label + " in " + part.getElementId());
        }
        button.notifyListeners(SWT.Selection, new Event());
    }

    /** Saves a screenshot of the workbench window and fails when nothing was written. */
    public static Path screenshot(RunningWorkbench workbench, String name) {
        Path file = workbench.ui(wb -> {
            try {
                return Screenshots.save((Shell) window(wb.getApplication()).getWidget(), name);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            if (Files.size(file) == 0) {
                throw new AssertionError("empty screenshot " + file);
            }
        } catch (IOException e) {
            throw new AssertionError("no screenshot " + file, e);
        }
        return file;
    }
}
