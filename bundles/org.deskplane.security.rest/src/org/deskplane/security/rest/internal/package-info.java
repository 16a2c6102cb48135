/**
 * The REST face of the security provider, contributed as the {@code auth} {@link org.deskplane.rest.api.ApiResource}:
 * {@code POST /auth/login} (public), {@code POST /auth/logout}, {@code GET|POST /users}, {@code DELETE /users/{name}}
 * and {@code GET /audit}. User administration is written to the audit log with the acting user.
 */
package org.deskplane.security.rest.internal;
