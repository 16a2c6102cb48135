/** Tests of the bundles REST resource against a fake BundleManager and AuditLog registered as services. */
package org.deskplane.bundles.rest.tests;
