/** Service provider interface for OS-specific layer shims run by the endpoint sync client. */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.deskplane.layers.spi;
