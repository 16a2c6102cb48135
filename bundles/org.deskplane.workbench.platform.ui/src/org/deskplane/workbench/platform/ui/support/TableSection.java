package org.deskplane.workbench.platform.ui.support;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;

import org.deskplane.workbench.OperationRunner;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;

/**
 * One table of server rows with its row of buttons above and its status line below, as the workbench parts show
 * them: typed columns, the selected row, and rows put in with the selection kept by a key (rows are new records on
 * every read, so the viewer alone would lose it when a row changed).
 *
 * @param <R> the row type
 * @since 1.2
 */
public final class TableSection<R> {

    private final Class<R> type;
    private final Composite row;
    private final TableViewer viewer;
    private final Label status;
    private final Function<? super R, ?> key;

    /**
     * The usual layout in {@code parent} (a one-column grid): a row for buttons (none when {@code rowColumns} is 0),
     * the table, the status line.
     *
     * @param widgets    the bundle's widget helpers (the ids go under its key)
     * @param type       the row type; other rows show empty cells and are never "selected"
     * @param tableId    the table's id for UI tests
     * @param rowColumns how many controls the button row lays out side by side (0: no row)
     * @param statusId   the status line's id for UI tests
     * @param key        what identifies a row across reads (its id), to keep it selected
     */
    public TableSection(Composite parent, Widgets widgets, Class<R> type, String tableId, int rowColumns,
            String statusId, Function<? super R, ?> key) {
        this.type = type;
        this.key = key;
        this.row = rowColumns > 0 ? Widgets.row(parent, rowColumns) : null;
        this.viewer = widgets.table(parent, tableId);
        this.status = widgets.label(parent, statusId);
    }

    /**
     * A section over a table and status line laid out by the part itself (e.g. in a sash, or two tables sharing
     * one status line).
     */
    public TableSection(TableViewer viewer, Label status, Class<R> type, Function<? super R, ?> key) {
        this.type = type;
        this.key = key;
        this.row = null;
        this.viewer = viewer;
        this.status = status;
    }

    /** The row above the table where buttons and filter fields go; null when the section has none. */
    public Composite row() {
        return row;
    }

    public TableViewer viewer() {
        return viewer;
    }

    public Table table() {
        return viewer.getTable();
    }

    public Label status() {
        return status;
    }

    /** Adds a column showing {@code text} of each row. */
    public TableSection<R> column(String title, int width, int alignment, Function<R, String> text) {
        Widgets.column(viewer, type, title, width, alignment, text);
        return this;
    }

    /** True once the part is gone: callbacks that arrive late do nothing then. */
    public boolean isDisposed() {
        return viewer.getTable().isDisposed();
    }

    /** Shows {@code text} on the status line (nothing once disposed). */
    public void say(String text) {
        if (!status.isDisposed()) {
            status.setText(text);
        }
    }

    /** The selected row, or null. */
    public R selected() {
        Object first = viewer.getStructuredSelection().getFirstElement();
        return type.isInstance(first) ? type.cast(first) : null;
    }

    /** The selected row, or null after saying "Select {@code what} first." on the status line. */
    public R selected(String what) {
        R selected = selected();
        if (selected == null) {
            say("Select " + what + " first.");
        }
        return selected;
    }

    /**
     * {@code client}, or null after emptying the table and saying {@code notConnected} (e.g. "log in"); null too
     * once the table is disposed (a refresh that comes after the part has gone does nothing).
     */
    public <C> C connected(C client, String notConnected) {
        if (isDisposed()) {
            return null;
        }
        if (client == null) {
            clear(notConnected);
        }
        return client;
    }

    /** For an action: {@code client}, or null after saying {@code notConnected} (the rows stay as they are). */
    public <C> C required(C client, String notConnected) {
        if (client == null) {
            say(notConnected);
        }
        return client;
    }

    /** Empties the table and says why (e.g. not connected). */
    public void clear(String why) {
        if (!isDisposed()) {
            viewer.setInput(List.of());
            say(why);
        }
    }

    /** Puts {@code rows} in, keeping the row that was selected (by key) selected. */
    public void show(List<? extends R> rows) {
        R before = selected();
        show(rows, before == null ? null : key.apply(before), false);
    }

    /** Puts {@code rows} in and selects (and reveals) the one whose key is {@code select}, else keeps the selection. */
    public void show(List<? extends R> rows, Object select) {
        if (select == null) {
            show(rows);
        } else {
            show(rows, select, true);
        }
    }

    private void show(List<? extends R> rows, Object select, boolean reveal) {
        if (isDisposed()) {
            return;
        }
        viewer.setInput(rows);
        if (select == null) {
            return;
        }
        R target = rows.stream().filter(r -> Objects.equals(key.apply(r), select)).findFirst().orElse(null);
        // the viewer keeps an equal row selected by itself: selecting it again would only fire another selection event
        if (target != null && !target.equals(selected())) {
            viewer.setSelection(new StructuredSelection(target), reveal);
        } else if (target != null && reveal) {
            viewer.reveal(target);
        }
    }

    /**
     * Says "Reading {@code what} …" and reads the rows off the UI thread through {@code runner} (a failure ends in
     * its error dialog, titled "Read {@code what} failed"), then, on the UI thread and only while the table is still
     * there, puts them in keeping the selection and hands them to {@code onRows} (for the status line).
     *
     * @param what   what is read, e.g. "the modules"
     * @param select the key of a row to select and reveal after the read (null: keep the selection)
     */
    public void load(OperationRunner runner, String what, Callable<? extends List<R>> read, Object select,
            Consumer<List<R>> onRows) {
        say("Reading " + what + " \u2026");
        runner.run("Read " + what, read, rows -> {
            if (isDisposed()) {
                return;
            }
            List<R> shown = rows == null ? List.of() : List.copyOf(rows);
            show(shown, select);
            onRows.accept(shown);
        });
    }
}
