/**
 * Seams between the module host and the parts it delegates to: {@link org.deskplane.modules.spi.ModuleRuntime}
 * loads verified jars into the isolated region and contains what they do. Implemented by Deskplane's own bundles;
 * not for modules.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.deskplane.modules.spi;
