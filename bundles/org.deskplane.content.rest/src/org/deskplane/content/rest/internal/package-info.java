/**
 * The Profile API: a user's data sources and their files under {@code /api/profile}, over the Content Abstraction
 * Layer. Downloads honour HTTP Range, ETag and Last-Modified (conditional requests answer 304); folders download as
 * a zip built while streaming; JSON by default, XML when the client asks for {@code application/xml}.
 * <p>
 * An administrator may add {@code ?as=<user>} to any route under {@code /api/profile/sources} and to
 * {@code /api/profile/applications}: the answer is that user's (their sources, their policies, including denials),
 * audited with the administrator as actor and "as &lt;user&gt;" in the details. Others get 403, an unknown user
 * 404; uploads and deletes with {@code ?as=} are refused (403) by the CAL — nobody changes a user's files in
 * their name.
 */
package org.deskplane.content.rest.internal;
