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

/** JPEG to PDF as a service: IPP Everywhere printers must take image/jpeg, most host printers take PDF. */
@Component(configurationPid = "org.deskplane.print.raster.jpeg", property = {
        DocumentConverter.SOURCE_FORMAT + "=" + JpegConverterComponent.JPEG,
        DocumentConverter.TARGET_FORMAT + "=" + PwgRasterConverterComponent.PDF })
@Designate(ocd = JpegConfig.class)
public final class JpegConverterComponent implements DocumentConverter {
    static final String JPEG = "image/jpeg";

    private volatile JpegToPdf converter = new JpegToPdf(256L << 20);

    @Activate
    @Modified
    void configure(JpegConfig config) {
        converter = new JpegToPdf(config.maxBytes());
    }

    @Override
    public String sourceFormat() {
        return JPEG;
    }

    @Override
    public String targetFormat() {
        return PwgRasterConverterComponent.PDF;
    }

    @Override
    public Conversion convert(InputStream source, OutputStream target) throws ConversionException, IOException {
        return converter.convert(source, target);
    }
}
