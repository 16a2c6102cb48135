/**
 * One authenticated connection and what outlives it: the per-peer state (outbound queue that survives
 * reconnects, remembered incoming requests for exactly-once), stream multiplexing with credit-based flow
 * control, heartbeats, and the handler registry fed by the OSGi whiteboard. No OSGi types here.
 */
package org.deskplane.channel.internal.session;
