/**
 * Embedded mode: the workbench runs Deskplane's service bundles (security, bundle management, model store)
 * in its own framework, with their data under the user's home, and audits what the user does through them.
 */
package org.deskplane.workbench.internal.embedded;
