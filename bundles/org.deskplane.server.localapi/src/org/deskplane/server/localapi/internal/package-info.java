/**
 * The local API socket: the server's REST API on a Unix-domain socket ({@code <data>/run/api.sock} by default),
 * for tools on the server's own machine (backup agents, indexers, scripts with {@code curl --unix-socket}). The
 * same routes, the same bearer tokens and policies as over HTTPS; what guards the socket itself is the file
 * system (owner-only by default), and a peer on it counts as a loopback client. No TLS is needed on a socket
 * nobody else can reach, which is what makes large downloads run at disk speed. The connector is handed to the
 * HTTP whiteboard's Jetty as a Felix {@code ConnectorFactory} service, so it follows Jetty through restarts and
 * goes away with this bundle.
 */
package org.deskplane.server.localapi.internal;
