/**
 * The {@code print} group of REST routes: the host's printers per driver, the printers a VM's owner sees, the job
 * queue with live state and cancel, and the print policy rules ({@link org.deskplane.print.rest.internal.PrintResource}).
 */
package org.deskplane.print.rest.internal;
