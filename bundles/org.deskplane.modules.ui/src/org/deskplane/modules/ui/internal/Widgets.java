package org.deskplane.modules.ui.internal;

import java.util.function.Function;

import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/** Small SWT helpers shared by the parts; widgets carry an id under {@link #KEY} so that UI tests find them. */
final class Widgets {

    /** Widget data key, so that UI tests find controls without depending on layout or labels. */
    static final String KEY = "org.deskplane.modules.ui.widget";
    /** The key WorkbenchModel.tableRows looks tables up by. */
    private static final String TABLE_NAME_KEY = "org.deskplane.workbench.table";

    private Widgets() {
    }

    static Composite row(Composite parent, int columns) {
        Composite row = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(columns, false);
        layout.marginHeight = 0;
        row.setLayout(layout);
        row.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        return row;
    }

    static Button button(Composite parent, String id, String label, String tooltip, Runnable action) {
        Button button = new Button(parent, SWT.PUSH);
        button.setText(label);
        button.setToolTipText(tooltip);
        button.setData(KEY, id);
        button.addListener(SWT.Selection, e -> action.run());
        return button;
    }

    static Label label(Composite parent, String id) {
        Label label = new Label(parent, SWT.WRAP);
        label.setData(KEY, id);
        label.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        return label;
    }

    static TableViewer table(Composite parent, String id) {
        TableViewer viewer = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE | SWT.V_SCROLL
                | SWT.H_SCROLL);
        viewer.setContentProvider(org.eclipse.jface.viewers.ArrayContentProvider.getInstance());
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        viewer.getTable().setData(TABLE_NAME_KEY, id);
        viewer.getTable().setData(KEY, id);
        viewer.getTable().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        return viewer;
    }

    static <T> void column(TableViewer viewer, Class<T> type, String title, int width, int alignment,
            Function<T, String> text) {
        TableViewerColumn column = new TableViewerColumn(viewer, alignment);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return type.isInstance(element) ? text.apply(type.cast(element)) : "";
            }
        });
    }
}
