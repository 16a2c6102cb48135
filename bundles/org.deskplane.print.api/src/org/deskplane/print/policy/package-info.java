/**
 * Which host printers a VM's user may print to: the print policy rules (first matching rule in ascending
 * {@link org.deskplane.print.policy.PrintPolicyRule#order() order} decides; with no rules every printer is allowed) and
 * the service that lists, writes and deletes them ({@link org.deskplane.print.policy.PrintPolicies}), used by the REST
 * resource and the workbench. The router ({@code org.deskplane.print}) provides it.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.deskplane.print.policy;
