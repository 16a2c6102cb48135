package org.deskplane.print.raster.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Deskplane JPEG to PDF converter",
        description = "Limits for JPEG documents from guests: larger ones are refused.")
@interface JpegConfig {
    @AttributeDefinition(description = "Largest JPEG, in bytes")
    long maxBytes() default 256L << 20;
}
