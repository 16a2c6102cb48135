/**
 * Small helpers the workbench's capability UI bundles share: SWT widgets tagged with ids that UI tests find
 * ({@link org.deskplane.workbench.platform.ui.support.Widgets}) and a watch on the best-ranked service of a type
 * ({@link org.deskplane.workbench.platform.ui.support.ServiceWatch}).
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.deskplane.workbench.platform.ui.support;
