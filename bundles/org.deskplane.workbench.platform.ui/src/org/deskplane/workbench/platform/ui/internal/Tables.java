package org.deskplane.workbench.platform.ui.internal;

import java.util.function.Function;

import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;

/** Builds the read-only tables the parts show. */
final class Tables {

    /** Key of the widget data naming a table, so that UI tests find it without depending on layout. */
    static final String TABLE_NAME = "org.deskplane.workbench.table";

    private Tables() {
    }

    static TableViewer create(Composite parent, String name) {
        TableViewer viewer = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE | SWT.V_SCROLL
                | SWT.H_SCROLL);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        viewer.getTable().setData(TABLE_NAME, name);
        return viewer;
    }

    @SuppressWarnings("unchecked")
    static <T> void column(TableViewer viewer, String title, int width, Function<T, Object> value) {
        TableViewerColumn column = new TableViewerColumn(viewer, SWT.LEFT);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                Object text = value.apply((T) element);
                return text == null ? "" : text.toString();
            }
        });
    }
}
