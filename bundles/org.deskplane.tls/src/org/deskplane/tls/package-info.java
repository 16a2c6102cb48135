/**
 * TLS trust for Deskplane's machine-to-machine clients (an endpoint syncing desktop layers, a host reaching the
 * VM-difference server): Deskplane servers have self-signed certificates, so a client is given the SHA-256
 * fingerprint of its server's certificate and trusts exactly that one. Plain Java, no services: the agent and
 * host runtimes take it without the workbench's client bundle.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.deskplane.tls;
