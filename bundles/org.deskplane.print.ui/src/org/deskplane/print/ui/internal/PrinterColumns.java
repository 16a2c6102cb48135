package org.deskplane.print.ui.internal;

import org.deskplane.print.api.HostPrinter;
import org.deskplane.print.routing.VmPrinter;
import org.deskplane.workbench.platform.ui.support.Widgets;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;

/**
 * The columns of the two printer tables. A host table row is a {@link VmPrinter} too (the REST answer gives every
 * printer its VM printer id); a driver that could not list its printers is a {@link DriverError} row.
 */
final class PrinterColumns {

    /** A driver that is there but gave an error instead of its printers. */
    record DriverError(String driver, String error) {
    }

    private PrinterColumns() {
    }

    static void host(TableViewer viewer) {
        Widgets.column(viewer, Object.class, "Driver", 70, SWT.LEFT, row -> row instanceof VmPrinter p
                ? p.printer().driver() : row instanceof DriverError e ? e.driver() : "");
        Widgets.column(viewer, Object.class, "Printer", 140, SWT.LEFT, row -> row instanceof VmPrinter p ? p.id()
                : row instanceof DriverError e ? "(error) " + e.error() : "");
        common(viewer);
    }

    static void vm(TableViewer viewer) {
        Widgets.column(viewer, Object.class, "Printer", 140, SWT.LEFT, row -> row instanceof VmPrinter p ? p.id() : "");
        Widgets.column(viewer, Object.class, "Nearest", 70, SWT.LEFT,
                row -> row instanceof VmPrinter p && p.nearest() ? "\u2605 nearest" : "");
        common(viewer);
    }

    private static void common(TableViewer viewer) {
        Widgets.column(viewer, Object.class, "Name", 160, SWT.LEFT, row -> printer(row, HostPrinter::name));
        Widgets.column(viewer, Object.class, "State", 90, SWT.LEFT, row -> printer(row, p -> p.state().name()
                + (p.acceptingJobs() ? "" : " (not accepting)")));
        Widgets.column(viewer, Object.class, "Location", 120, SWT.LEFT, row -> printer(row, HostPrinter::location));
        Widgets.column(viewer, Object.class, "Formats", 220, SWT.LEFT,
                row -> printer(row, p -> String.join(", ", p.capabilities().documentFormats())));
        Widgets.column(viewer, Object.class, "Reasons", 140, SWT.LEFT,
                row -> printer(row, p -> String.join(", ", p.stateReasons())));
    }

    private static String printer(Object row, java.util.function.Function<HostPrinter, String> text) {
        return row instanceof VmPrinter p ? text.apply(p.printer()) : "";
    }
}
