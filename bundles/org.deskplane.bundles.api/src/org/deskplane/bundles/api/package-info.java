/**
 * Bundle and feature management at runtime ("hot swap"): list, install, start, stop, update and uninstall
 * bundles; install features from a p2 repository and remove them again. Implemented in the server by the
 * framework-backed provider and in the workbench's remote mode by the REST client.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.deskplane.bundles.api;
