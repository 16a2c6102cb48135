/** Test support for VM differences: base images, qcow2 overlays written like a guest would, fake memory states. */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.deskplane.vmdiff.testing;
