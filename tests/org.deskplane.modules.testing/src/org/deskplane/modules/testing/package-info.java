/**
 * Test support for extension modules.
 * <ul>
 * <li>{@link org.deskplane.modules.testing.ModuleJar} builds bundle jars from classes compiled into a test bundle;
 * {@link org.deskplane.modules.testing.Signing} signs them with the JDK's own {@code jarsigner} and makes the keys
 * the trust tests need with {@code keytool} (the trusted test signer of {@code releng/module-signing}, a stranger's
 * key, an expired certificate issued by the trusted test CA), and changes a signed jar afterwards (tampering).</li>
 * <li>{@link org.deskplane.modules.testing.BuiltModule}: a sample module's jar built by its own Maven module, named
 * by a system property, installed by the test itself; the signer of each entry and the packages it imports.</li>
 * <li>An in-memory module host, trust store and policy for tests of the module clients (REST, workbench): started
 * in a server without a module host, the bundle registers them (see {@code internal.Activator}). Never shipped.</li>
 * </ul>
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.deskplane.modules.testing;
