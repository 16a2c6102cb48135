/**
 * Small helpers the workbench's capability UI bundles share: SWT widgets tagged with ids that UI tests find
 * ({@link org.deskplane.workbench.platform.ui.support.Widgets}), a watch on the best-ranked service of a type
 * ({@link org.deskplane.workbench.platform.ui.support.ServiceWatch}) and a client made from it
 * ({@link org.deskplane.workbench.platform.ui.support.ServiceClient}), and a dialog of labelled fields with a problem
 * line ({@link org.deskplane.workbench.platform.ui.support.FormDialog}).
 */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.deskplane.workbench.platform.ui.support;
