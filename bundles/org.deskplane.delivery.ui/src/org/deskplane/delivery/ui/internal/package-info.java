/**
 * The workbench's software delivery parts (issue 7): Payloads and Deployments, talking to the server's
 * {@code /api/delivery} routes with the logged-in connection's token and pinned certificate.
 */
package org.deskplane.delivery.ui.internal;
