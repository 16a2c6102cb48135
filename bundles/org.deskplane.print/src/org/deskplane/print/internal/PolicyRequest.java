package org.deskplane.print.internal;

import org.deskplane.print.api.HostPrinter;
import org.deskplane.print.routing.PrintingContext;

/**
 * What a policy decides on: who prints from which VM to which printer.
 *
 * @param application the application the guest names, or "" when unknown (listing printers)
 */
record PolicyRequest(PrintingContext context, String vmPrinterId, HostPrinter printer, boolean nearest,
        String application) {
}
