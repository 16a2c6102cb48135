package org.deskplane.print.raster.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.deskplane.print.convert.ConversionException;
import org.deskplane.print.convert.DocumentConverter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/** The PWG Raster to PDF converter as a service, with configurable limits. */
@Component(configurationPid = "org.deskplane.print.raster", property = {
        DocumentConverter.SOURCE_FORMAT + "=" + PwgRasterConverterComponent.PWG_RASTER,
        DocumentConverter.TARGET_FORMAT + "=" + PwgRasterConverterComponent.PDF })
@Designate(ocd = RasterConfig.class)
public final class PwgRasterConverterComponent implements DocumentConverter {
    static final String PWG_RASTER = "image/pwg-raster";
    static final String PDF = "application/pdf";

    private volatile PwgRasterToPdf converter = new PwgRasterToPdf(RasterLimits.DEFAULT);

    @Activate
    @Modified
    void configure(RasterConfig config) {
        converter = new PwgRasterToPdf(new RasterLimits(config.maxWidth(), config.maxHeight(),
                config.maxPixelsPerPage(), config.maxPages()));
    }

    @Override
    public String sourceFormat() {
        return PWG_RASTER;
    }

    @Override
    public String targetFormat() {
        return PDF;
    }

    @Override
    public Conversion convert(InputStream source, OutputStream target) throws ConversionException, IOException {
        return converter.convert(source, target);
    }
}
