package org.deskplane.delivery.ui.internal;

import java.util.function.ToIntFunction;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;

/**
 * Draws a progress bar behind the text of one table column (owner-drawn: one ProgressBar widget per row would be
 * hundreds of native controls in a large rollout). The column's text stays the percentage, for readers and tests.
 */
final class ProgressBars {

    private ProgressBars() {
    }

    static <T> void install(Table table, int column, Class<T> type, ToIntFunction<T> percent) {
        table.addListener(SWT.EraseItem, event -> {
            if (event.index != column || !(event.item instanceof TableItem item) || !type.isInstance(item.getData())) {
                return;
            }
            int value = Math.max(0, Math.min(100, percent.applyAsInt(type.cast(item.getData()))));
            GC gc = event.gc;
            Color background = gc.getBackground();
            int width = table.getColumn(column).getWidth() - 4;
            gc.setBackground(table.getDisplay().getSystemColor(SWT.COLOR_WIDGET_LIGHT_SHADOW));
            gc.fillRectangle(event.x + 2, event.y + 2, width, event.height - 4);
            gc.setBackground(table.getDisplay().getSystemColor(value == 100 ? SWT.COLOR_DARK_GREEN : SWT.COLOR_GREEN));
            gc.fillRectangle(event.x + 2, event.y + 2, width * value / 100, event.height - 4);
            gc.setBackground(background);
            event.detail &= ~SWT.BACKGROUND;
            event.detail &= ~SWT.SELECTED;
        });
    }
}
