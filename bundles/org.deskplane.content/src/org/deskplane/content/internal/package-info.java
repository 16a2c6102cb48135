/**
 * The Content Abstraction Layer ({@link org.deskplane.content.api.ContentAccess}): finds a user's data sources
 * in the {@link org.deskplane.content.internal.SourceCatalog}s (desktops from the hypervisor inventory by their
 * {@code owner} metadata, shares from configuration), chooses the backend that can serve each one now (the agent
 * of a running desktop, else its disk), decides every request with the {@link org.deskplane.content.internal.PolicyEngine},
 * keeps one mount session per user and source ({@link org.deskplane.content.internal.ViewSessions}) and audits
 * every request.
 */
package org.deskplane.content.internal;
