/**
 * A user's VM kept as its difference from a shared, read-only base image (issue 9, after figures 22–24 of the
 * seed): the difference is a qcow2 overlay plus, when the VM was suspended, its saved memory state. Each suspend or
 * shutdown publishes a new immutable {@link org.deskplane.vmdiff.api.Generation}; copies of it live on the server
 * and on hosts and are kept in sync cluster by cluster ({@link org.deskplane.vmdiff.api.DifferenceSource}); a
 * {@link org.deskplane.vmdiff.api.RunLease} makes sure one VM never runs in two places.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.deskplane.vmdiff.api;
