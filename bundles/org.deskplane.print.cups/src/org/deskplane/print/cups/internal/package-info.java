/**
 * The CUPS printer driver: the host's CUPS queues as Deskplane printers, over IPP (the codec of
 * {@code org.deskplane.ipp}) on HTTP/1.1 with chunked request bodies, so a document streams from the caller
 * to cupsd. Queues are found with CUPS-Get-Printers, described with Get-Printer-Attributes, and polled for
 * additions, removals and changes; jobs are Print-Job, Get-Job-Attributes, Get-Jobs and Cancel-Job.
 */
package org.deskplane.print.cups.internal;
