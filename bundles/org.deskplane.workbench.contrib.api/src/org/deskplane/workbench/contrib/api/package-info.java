/**
 * How a bundle loaded into the admin workbench at run time (an extension module) adds UI without a model
 * fragment: it registers a {@link org.deskplane.workbench.contrib.api.PartContribution} service; the workbench
 * (bundle org.deskplane.workbench.contrib) then adds a part to the main part stack and a menu item under
 * "Modules" that shows it, and takes both away when the service goes.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.deskplane.workbench.contrib.api;
