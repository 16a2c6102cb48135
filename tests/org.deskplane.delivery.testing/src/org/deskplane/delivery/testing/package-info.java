/**
 * Test doubles of the software delivery services for tests of their clients (the REST resource, the workbench
 * parts): an in-memory {@link org.deskplane.delivery.testing.InMemoryPayloadRepository} and an in-memory
 * {@link org.deskplane.delivery.testing.InMemoryDeploymentService} whose items a test moves by hand. They keep the
 * API's contracts (reasons, states, summaries) but deliver nothing: the real services are tested in their own bundles.
 * Only test bundles use this; no product contains it.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.deskplane.delivery.testing;
