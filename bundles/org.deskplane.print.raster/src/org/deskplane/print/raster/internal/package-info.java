/**
 * PWG Raster (PWG 5102.4) to PDF: {@link org.deskplane.print.raster.internal.PageHeader} reads and checks a page
 * header, {@link org.deskplane.print.raster.internal.RasterLineDecoder} expands the compressed lines one at a time,
 * {@link org.deskplane.print.raster.internal.PdfImageWriter} writes the PDF incrementally, and
 * {@link org.deskplane.print.raster.internal.PwgRasterToPdf} joins them; the DS component is
 * {@link org.deskplane.print.raster.internal.PwgRasterConverterComponent}.
 */
package org.deskplane.print.raster.internal;
