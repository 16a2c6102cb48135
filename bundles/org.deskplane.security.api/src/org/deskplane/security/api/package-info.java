/** Users, roles, bearer tokens and the audit log: the security contract every Deskplane service uses. */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.deskplane.security.api;
