package org.deskplane.layers.api;

/**
 * An endpoint's periodic report of its user's activity (input events, log-on), which decides who is master.
 *
 * @param endpointId the reporting endpoint
 * @param activeSeconds seconds of user activity in the report's window
 * @param idleSeconds seconds since the last user input
 * @param loggedOn whether a user session is open
 */
public record ActivityReport(String endpointId, long activeSeconds, long idleSeconds, boolean loggedOn) {
}
