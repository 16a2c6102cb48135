package org.deskplane.vmdiff.ui.internal;

import java.util.function.ToIntFunction;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;

/**
 * Paints a bar behind one column's text (owner-drawn, as the deployments part does: a native ProgressBar per row
 * would be one control per operation). The text stays the percentage, for readers and tests.
 */
final class ProgressColumn {

    private ProgressColumn() {
    }

    /** {@code percent} of a row: 0..100, or below 0 for "no measure" (no bar). */
    static <T> void install(Table table, int column, Class<T> type, ToIntFunction<T> percent) {
        table.addListener(SWT.EraseItem, event -> {
            if (event.index != column || !(event.item instanceof TableItem item) || !type.isInstance(item.getData())) {
                return;
            }
            int value = percent.applyAsInt(type.cast(item.getData()));
            if (value < 0) {
                return;
            }
            value = Math.min(100, value);
            GC gc = event.gc;
            Color before = gc.getBackground();
            int width = table.getColumn(column).getWidth() - 4;
            gc.setBackground(table.getDisplay().getSystemColor(SWT.COLOR_WIDGET_LIGHT_SHADOW));
            gc.fillRectangle(event.x + 2, event.y + 2, width, event.height - 4);
            gc.setBackground(table.getDisplay().getSystemColor(value == 100 ? SWT.COLOR_DARK_GREEN : SWT.COLOR_GREEN));
            gc.fillRectangle(event.x + 2, event.y + 2, width * value / 100, event.height - 4);
            gc.setBackground(before);
            event.detail &= ~SWT.BACKGROUND;
            event.detail &= ~SWT.SELECTED;
        });
    }
}
