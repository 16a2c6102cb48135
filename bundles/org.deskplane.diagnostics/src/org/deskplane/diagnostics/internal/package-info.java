/**
 * A small optional capability: {@code GET /diagnostics} (OPERATOR) reports JVM, thread and bundle counts.
 * Shipped in its own feature ({@code org.deskplane.diagnostics.feature}) on the update site, not in the
 * server product, to show installing a capability at runtime. Not exported.
 */
package org.deskplane.diagnostics.internal;
