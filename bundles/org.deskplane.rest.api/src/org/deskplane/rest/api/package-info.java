/**
 * How a bundle adds endpoints to Deskplane's REST API: register an {@link org.deskplane.rest.api.ApiResource}
 * service. The server's dispatcher (one servlet under {@code /api}) routes requests to it, checks the
 * caller's token and role, turns results into JSON and errors into RFC 9457 problem details, and lists
 * every route in the OpenAPI document. When the providing bundle stops or is being updated, its routes
 * answer 503 until it is back.
 */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.deskplane.rest.api;
