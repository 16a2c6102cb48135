/**
 * Turns a framework into a Deskplane server: reads the command-line options (passed as framework
 * properties by the {@code deskplane-server} launcher), makes the TLS certificate on first start, configures
 * the HTTP whiteboard's Jetty for HTTPS (or loopback-only HTTP when asked), writes the server log and
 * announces the URL. Nothing here is an API; other bundles only see the data directory property.
 */
package org.deskplane.server.internal;
