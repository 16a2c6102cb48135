/**
 * The sync service's implementation: binding rules, the master lease state machine and its persisted state. Not
 * exported; other bundles use {@link org.deskplane.layers.api.SyncService}.
 */
package org.deskplane.layers.server.internal;
