/**
 * Handlers of the workbench's commands. They act on the selected {@code BundleInfo} through whatever
 * {@code BundleManager} the context offers (remote or embedded) and run the call off the UI thread.
 */
package org.deskplane.workbench.internal.handlers;
