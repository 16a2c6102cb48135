/**
 * PWG Raster (PWG 5102.4) to PDF: {@link org.deskplane.print.raster.internal.PageHeader} reads and checks a page
 * header, {@link org.deskplane.print.raster.internal.RasterLineDecoder} expands the compressed lines one at a time,
 * {@link org.deskplane.print.raster.internal.PdfImageWriter} writes the PDF incrementally, and
 * {@link org.deskplane.print.raster.internal.PwgRasterToPdf} joins them; the DS component is
 * {@link org.deskplane.print.raster.internal.PwgRasterConverterComponent}. JPEG to PDF:
 * {@link org.deskplane.print.raster.internal.JpegHeader} reads the markers up to the frame header,
 * {@link org.deskplane.print.raster.internal.JpegToPdf} embeds the JPEG unchanged, as the DS component
 * {@link org.deskplane.print.raster.internal.JpegConverterComponent}.
 */
package org.deskplane.print.raster.internal;
