/**
 * The browser portal: a small static web application (HTML, vanilla JavaScript, CSS in the bundle's
 * {@code web/} folder) served at {@code /portal/} on the server's HTTPS connector. It signs in through
 * {@code /api/auth/login} and uses the Profile API ({@code /api/profile}) for everything else, so the page holds
 * no server-side state and needs no rights of its own.
 */
package org.deskplane.content.portal.internal;
