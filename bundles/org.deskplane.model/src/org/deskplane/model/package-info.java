/**
 * Deskplane's shared inventory as an EMF model: {@link org.deskplane.model.Inventory} holds hosts, virtual
 * machines (with disks and devices), storage pools, users with entitlements and access policies. The
 * interfaces and enums here are generated from {@code model/deskplane.ecore} by EMF's generator (see
 * {@code releng/scripts/generate-model}); create objects with {@link org.deskplane.model.DeskplaneFactory}.
 * Persist them through the {@code org.deskplane.model.store} service.
 */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.deskplane.model;
