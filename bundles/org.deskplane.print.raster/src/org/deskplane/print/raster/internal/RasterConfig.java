package org.deskplane.print.raster.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Deskplane PWG Raster to PDF converter",
        description = "Limits for raster documents from guests: larger ones are refused before they are decoded.")
@interface RasterConfig {
    @AttributeDefinition(description = "Widest page, in pixels")
    int maxWidth() default 20_000;

    @AttributeDefinition(description = "Tallest page, in pixels")
    int maxHeight() default 30_000;

    @AttributeDefinition(description = "Most pixels on one page (600 dpi A3 is about 70 million)")
    long maxPixelsPerPage() default 150_000_000L;

    @AttributeDefinition(description = "Most pages in one document")
    int maxPages() default 10_000;
}
