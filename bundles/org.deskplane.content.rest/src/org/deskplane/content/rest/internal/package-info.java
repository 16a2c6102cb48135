/**
 * The Profile API: a user's data sources and their files under {@code /api/profile}, over the Content Abstraction
 * Layer. Downloads honour HTTP Range, ETag and Last-Modified (conditional requests answer 304); folders download as
 * a zip built while streaming; JSON by default, XML when the client asks for {@code application/xml}.
 */
package org.deskplane.content.rest.internal;
