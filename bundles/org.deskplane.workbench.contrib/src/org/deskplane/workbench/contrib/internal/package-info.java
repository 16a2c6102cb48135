/**
 * The workbench side of {@link org.deskplane.workbench.contrib.api.PartContribution}: a DS component tracking the
 * services and the running e4 workbench, and the model changes (part descriptor, part, "Modules" menu item, show
 * command and handler) it makes for each on the UI thread.
 */
package org.deskplane.workbench.contrib.internal;
