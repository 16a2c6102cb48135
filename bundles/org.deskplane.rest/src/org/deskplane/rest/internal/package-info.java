/**
 * The REST dispatcher: one servlet under {@code /api} on the HTTP whiteboard that routes to every
 * {@link org.deskplane.rest.api.ApiResource} service, authenticates bearer tokens, enforces roles, writes
 * JSON and problem details, answers 503 for routes whose provider is away, and serves the OpenAPI document.
 */
package org.deskplane.rest.internal;
