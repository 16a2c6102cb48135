/**
 * Test support for bundles that contribute REST routes: a request as the dispatcher would hand it to a route
 * handler, so tests can call handlers of the real, registered {@code ApiResource} services directly. Only test
 * bundles use this; no product contains it.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.deskplane.rest.testing;
