package org.deskplane.print.api;

/**
 * Event Admin topics and properties of printing. A driver posts {@link #PRINTERS_CHANGED} (asynchronously)
 * when its set of printers or a printer's description changed.
 */
public final class PrintEvents {

    /** Printers of one driver were added, removed or changed. */
    public static final String PRINTERS_CHANGED = "org/deskplane/print/PRINTERS_CHANGED";

    /** String: the driver's id. */
    public static final String DRIVER = PrinterDriver.DRIVER_PROPERTY;
    /** String[]: ids of printers that appeared. */
    public static final String ADDED = "added";
    /** String[]: ids of printers that disappeared. */
    public static final String REMOVED = "removed";
    /** String[]: ids of printers whose description (state, capabilities…) changed. */
    public static final String CHANGED = "changed";

    private PrintEvents() {
    }
}
