/**
 * Encoding and decoding of IPP/1.1 and IPP/2.x messages (RFC 8010 encoding, RFC 8011 model): the bytes that
 * go in the body of an {@code application/ipp} HTTP request or response, up to the end-of-attributes tag.
 * The document data that may follow is never read by this package: {@link org.deskplane.ipp.IppReader}
 * leaves the stream positioned at it, so a caller streams it onwards.
 * <p>
 * {@link org.deskplane.ipp.IppMessage} holds the version, operation or status code, request id and the
 * ordered {@link org.deskplane.ipp.AttributeGroup}s; an {@link org.deskplane.ipp.IppAttribute} has one value
 * or several (a 1setOf); {@link org.deskplane.ipp.IppValue} covers every value syntax of RFC 8010, including
 * collections and out-of-band values. Values with a tag this package does not know are kept as raw octets,
 * so a message round-trips.
 * <p>
 * The reader parses untrusted bytes (requests from guests): it is bounded by {@link org.deskplane.ipp.IppLimits}
 * (attribute and value counts, name and value lengths, collection depth, total header size) and reports
 * malformed or oversized input as an {@link org.deskplane.ipp.IppParseException} carrying the IPP status code a
 * server answers with (for example {@code client-error-bad-request}).
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.deskplane.ipp;
