/**
 * Test support for the workbench's UI tests: runs the real e4 application of the workbench product (its
 * {@code Application.e4xmi}, model fragments, lifecycle) on a UI thread of its own inside a tycho-surefire
 * framework, gives tests access to it on that thread, saves screenshots, and waits for the server product
 * a test module's build started. Only test bundles use this.
 */
@org.osgi.annotation.versioning.Version("1.5.0")
package org.deskplane.workbench.testing;
