/**
 * The workbench's printing parts: Printers, Print jobs (live) and Print policies, over the server's print routes
 * through {@code org.deskplane.client}.
 */
package org.deskplane.print.ui.internal;
