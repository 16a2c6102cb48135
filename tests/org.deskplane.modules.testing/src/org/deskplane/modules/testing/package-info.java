/** In-memory module host, trust store and policy for tests of the module clients (REST, workbench). */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.deskplane.modules.testing;
