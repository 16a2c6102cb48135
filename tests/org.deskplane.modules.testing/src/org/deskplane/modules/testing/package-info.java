/**
 * Test support for extension modules: {@link org.deskplane.modules.testing.ModuleJar} builds bundle jars from classes
 * compiled into a test bundle, {@link org.deskplane.modules.testing.Signing} signs them with the JDK's own
 * {@code jarsigner} and makes the keys the trust tests need with {@code keytool} (the trusted test signer of
 * {@code releng/module-signing}, a stranger's key, an expired certificate issued by the trusted test CA), and
 * changes a signed jar afterwards (tampering).
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.deskplane.modules.testing;
