/**
 * The host's print router: {@link org.deskplane.print.internal.PrintRouterComponent} decides with the policy rules
 * ({@link org.deskplane.print.internal.PolicyRuleComponent}, {@link org.deskplane.print.internal.PrintPolicyEngine})
 * which printers a VM sees, keeps every accepted job in a durable spool ({@link org.deskplane.print.internal.SpoolStore})
 * and has the {@link org.deskplane.print.internal.Dispatcher} print it exactly once through the printer drivers
 * ({@link org.deskplane.print.internal.PrinterDirectory}); each job's end is audited
 * ({@link org.deskplane.print.internal.JobReporter}).
 */
package org.deskplane.print.internal;
