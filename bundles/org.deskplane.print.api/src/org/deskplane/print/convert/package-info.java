/**
 * Document format conversion for printing: a {@link org.deskplane.print.convert.DocumentConverter} service turns a
 * document of one format into another (PWG Raster into PDF, …), streaming, so the router can hand a job to a printer
 * that does not accept the format the guest sent. A converter is registered with the service properties
 * {@value org.deskplane.print.convert.DocumentConverter#SOURCE_FORMAT} and
 * {@value org.deskplane.print.convert.DocumentConverter#TARGET_FORMAT} (MIME types), so a consumer can select one
 * with a filter. Converters read untrusted documents: they are bounded and refuse what they cannot convert with a
 * {@link org.deskplane.print.convert.ConversionException} that says why.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.deskplane.print.convert;
