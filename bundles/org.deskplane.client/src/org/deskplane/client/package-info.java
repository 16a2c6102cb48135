/**
 * Remote access to a Deskplane server over its REST API: log in, trust (or refuse) the server's
 * certificate by its SHA-256 fingerprint, and use the server's {@code BundleManager}, {@code AuditLog}, hypervisor connections and
 * content access ({@code ContentAccess}, {@code ContentPolicies}) and printing ({@code RemotePrinting}, {@code PrintPolicies})
 * through the same service interfaces the server's own bundles implement, and plain JSON calls
 * ({@code ServerRest}) for routes without such an interface. The workbench's remote mode is
 * built on this package.
 */
@org.osgi.annotation.versioning.Version("1.5.0")
package org.deskplane.client;
