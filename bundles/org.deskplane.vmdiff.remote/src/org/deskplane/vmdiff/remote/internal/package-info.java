/**
 * VM differences across machines (issue 9): the server's copy, leases and base images reached over HTTP.
 * <p>
 * Server side: {@link org.deskplane.vmdiff.remote.internal.WireResource} adds routes under {@code /api/vmdiff/wire}
 * over the local {@link org.deskplane.vmdiff.api.DifferenceServer}, including push sessions kept on disk so that an
 * interrupted push resumes. Host side: {@link org.deskplane.vmdiff.remote.internal.RemoteDifferenceServer} is a
 * {@code DifferenceServer} (service property {@code vmdiff.server=remote}) that speaks those routes. The protocol
 * is described in {@code docs/vmdiff-wire.md}.
 */
package org.deskplane.vmdiff.remote.internal;
