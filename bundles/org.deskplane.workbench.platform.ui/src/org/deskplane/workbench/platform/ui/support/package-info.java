/**
 * Small helpers the workbench's capability UI bundles share: SWT widgets tagged with ids that UI tests find
 * ({@link org.deskplane.workbench.platform.ui.support.Widgets}), a watch on the best-ranked service of a type
 * ({@link org.deskplane.workbench.platform.ui.support.ServiceWatch}) and a client made from it
 * ({@link org.deskplane.workbench.platform.ui.support.ServiceClient}), and a dialog of labelled fields with a problem
 * line ({@link org.deskplane.workbench.platform.ui.support.FormDialog}); since 1.2 what the parts of server data share: a
 * table with its buttons and status line that keeps the selection across reads
 * ({@link org.deskplane.workbench.platform.ui.support.TableSection}), a poller that reads while the part is visible,
 * one read at a time ({@link org.deskplane.workbench.platform.ui.support.VisiblePoller}), and the refresh, focus and
 * dispose of a part ({@link org.deskplane.workbench.platform.ui.support.RefreshingPart}).
 */
@org.osgi.annotation.versioning.Version("1.3.0")
package org.deskplane.workbench.platform.ui.support;
