/**
 * The PDF directory printer, Deskplane's embedded default printer driver: one printer that stores every
 * job as a PDF file in a directory (by default {@code <deskplane.data>/print/pdf}). Documents are streamed
 * to a temporary file, checked to be PDF ({@code %PDF-} header, {@code %%EOF} trailer), forced to disk and
 * renamed into place atomically, so the directory never shows a partial file. The idempotency key is part
 * of the file name, which is how a job is found again after a restart.
 */
package org.deskplane.print.pdf.internal;
