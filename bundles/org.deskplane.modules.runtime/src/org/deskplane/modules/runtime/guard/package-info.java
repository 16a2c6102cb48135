/**
 * The guard woven module code calls before a guarded JDK/OSGi call (exit, file access, process start,
 * reflection escape hatches, framework lifecycle). Exported only so the module region can wire to it; it holds
 * no state a module could change.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.deskplane.modules.runtime.guard;
