package org.deskplane.workbench.platform.ui.support;

import java.util.function.Function;

import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/**
 * Small SWT helpers for the workbench parts. Each UI bundle makes one with its own widget data key, and the widgets
 * made here carry their id under that key, so that the bundle's UI tests find controls without depending on layout
 * or labels.
 */
public final class Widgets {

    /** The key WorkbenchModel.tableRows looks tables up by. */
    private static final String TABLE_NAME_KEY = "org.deskplane.workbench.table";

    private final String key;

    /** @param key the widget data key the ids go under (one per bundle, e.g. {@code org.deskplane.print.ui.widget}) */
    public Widgets(String key) {
        this.key = key;
    }

    /** The widget data key ids go under; tag other controls with {@code control.setData(key(), id)}. */
    public String key() {
        return key;
    }

    /** A full-width row of {@code columns} controls without vertical margin. */
    public static Composite row(Composite parent, int columns) {
        Composite row = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(columns, false);
        layout.marginHeight = 0;
        row.setLayout(layout);
        row.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        return row;
    }

    /** A push button with the id {@code id} that runs {@code action}. */
    public Button button(Composite parent, String id, String label, String tooltip, Runnable action) {
        Button button = new Button(parent, SWT.PUSH);
        button.setText(label);
        button.setToolTipText(tooltip);
        button.setData(key, id);
        button.addListener(SWT.Selection, e -> action.run());
        return button;
    }

    /** A full-width wrapping label with the id {@code id} (e.g. a status line). */
    public Label label(Composite parent, String id) {
        Label label = new Label(parent, SWT.WRAP);
        label.setData(key, id);
        label.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        return label;
    }

    /** A single-selection table of an array or collection input, found by tests under {@code id}. */
    public TableViewer table(Composite parent, String id) {
        TableViewer viewer = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE | SWT.V_SCROLL
                | SWT.H_SCROLL);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        viewer.getTable().setData(TABLE_NAME_KEY, id);
        viewer.getTable().setData(key, id);
        viewer.getTable().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        return viewer;
    }

    /** A column showing {@code text} of rows of {@code type} (empty for other rows). */
    public static <T> void column(TableViewer viewer, Class<T> type, String title, int width, int alignment,
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
