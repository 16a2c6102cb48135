package org.deskplane.print.raster.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.deskplane.print.convert.ConversionException;
import org.deskplane.print.convert.DocumentConverter;
import org.deskplane.print.testing.Tools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * JPEG to PDF through the registered service, with JPEGs made by Ghostscript's jpeg devices from a drawing: the PDF
 * holds the JPEG byte for byte (poppler's pdfimages gives it back), its page is the JPEG's size at its resolution,
 * and rendering the PDF gives back the drawing (within JPEG's loss).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JpegToPdfTest {
    /** A 144 x 108 point drawing: a colour gradient and three blocks; 200 x 150 pixels at 100 dpi. */
    private static final String DRAWING = """
            %!PS
            << /PageSize [144 108] >> setpagedevice
            0 1 143 { /x exch def x 143 div 0.2 1 x 143 div sub setrgbcolor x 0 1 108 rectfill } for
            0.9 0.1 0.1 setrgbcolor 10 10 40 30 rectfill
            0.1 0.7 0.2 setrgbcolor 60 50 50 40 rectfill
            0 0 0 setrgbcolor 100 10 30 30 rectfill
            showpage
            """;

    @TempDir
    Path dir;
    private DocumentConverter converter;

    @BeforeAll
    void findService() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(JpegToPdfTest.class).getBundleContext();
        ServiceTracker<DocumentConverter, DocumentConverter> tracker = new ServiceTracker<>(context,
                context.createFilter("(&(objectClass=" + DocumentConverter.class.getName() + ")("
                        + DocumentConverter.SOURCE_FORMAT + "=image/jpeg)(" + DocumentConverter.TARGET_FORMAT
                        + "=application/pdf))"), null);
        tracker.open();
        converter = tracker.waitForService(30_000);
        assertNotNull(converter, "no JPEG to PDF converter service within 30 s");
    }

    @Test
    void rgbJpegIsEmbeddedUnchangedAndRendersBack() throws Exception {
        byte[] jpeg = jpeg("jpeg", 100);
        Path pdf = convert(jpeg);
        assertArrayEquals(jpeg, extracted(pdf), "the JPEG is in the PDF byte for byte");
        assertPageSize(pdf, 144, 108); // the JPEG's size at its 100 dpi
        Pnm page = render(pdf, 100, false);
        assertEquals(200, page.width());
        assertEquals(150, page.height());
        assertTrue(meanDifference(reference(100, false), page) < 6, "renders as the drawing");
    }

    @Test
    void grayJpegRendersBack() throws Exception {
        byte[] jpeg = jpeg("jpeggray", 100);
        Path pdf = convert(jpeg);
        assertArrayEquals(jpeg, extracted(pdf));
        Pnm page = render(pdf, 100, true);
        assertEquals(1, page.channels());
        assertTrue(meanDifference(reference(100, true), page) < 6, "renders as the drawing in gray");
    }

    @Test
    void adobeCmykJpegIsNotInverted() throws Exception {
        // Ghostscript writes CMYK JPEGs the Adobe way (APP14, inverted inks) and without JFIF density: 72 dpi
        byte[] jpeg = jpeg("jpegcmyk", 100);
        Path pdf = convert(jpeg);
        assertPageSize(pdf, 200, 150);
        Pnm page = render(pdf, 72, false);
        double difference = meanDifference(reference(100, false), page);
        // CMYK and back is not exact, an inverted image is off by about 150
        assertTrue(difference < 40, "renders as the drawing, not its negative: mean difference " + difference);
    }

    @Test
    void corruptJpegsAreRefusedWithTheReason() throws Exception {
        byte[] jpeg = jpeg("jpeg", 100);
        assertRefused("%PDF-1.4 not a jpeg".getBytes(), "not a JPEG");
        assertRefused(new byte[0], "not a JPEG");
        assertRefused(Arrays.copyOf(jpeg, 10), "before its frame header");
        assertRefused(Arrays.copyOf(jpeg, jpeg.length / 2), "truncated");
        int sof = sofOffset(jpeg);
        byte[] twelveBit = jpeg.clone();
        twelveBit[sof + 4] = 12;
        assertRefused(twelveBit, "12-bit");
        byte[] lossless = jpeg.clone();
        lossless[sof + 1] = (byte) 0xC3;
        assertRefused(lossless, "SOF3");
        byte[] noHeight = jpeg.clone();
        noHeight[sof + 5] = 0;
        noHeight[sof + 6] = 0;
        assertRefused(noHeight, "width or height");
        byte[] twoComponents = jpeg.clone();
        twoComponents[sof + 9] = 2;
        assertRefused(twoComponents, "2 components");
        byte[] badLength = jpeg.clone();
        badLength[4] = 0;
        badLength[5] = 1; // the APP0 segment's length
        assertRefused(badLength, "segment length");
        ConversionException tooBig = assertThrows(ConversionException.class, () -> new JpegToPdf(jpeg.length - 1)
                .convert(new ByteArrayInputStream(jpeg), OutputStream.nullOutputStream()));
        assertTrue(tooBig.getMessage().contains("larger than"), tooBig.getMessage());
    }

    @Test
    void mutatedJpegsNeverEscapeAsAnythingButConversionException() throws Exception {
        byte[] jpeg = jpeg("jpeg", 100);
        Random random = new Random(5);
        int converted = 0;
        for (int i = 0; i < 500; i++) {
            byte[] mutated = jpeg.clone();
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                // mostly the markers in the header, where the parser works
                int at = random.nextInt(random.nextBoolean() ? Math.min(mutated.length, 700) : mutated.length);
                mutated[at] = (byte) random.nextInt(256);
            }
            try {
                converter.convert(new ByteArrayInputStream(mutated), new ByteArrayOutputStream());
                converted++;
            } catch (ConversionException e) {
                assertNotNull(e.getMessage());
            }
        }
        assertTrue(converted > 0, "mutations of the image data still convert (the PDF reader decodes them)");
    }

    private byte[] jpeg(String device, int dpi) throws Exception {
        Path source = source();
        Path out = dir.resolve(device + "-" + System.nanoTime() + ".jpg");
        Tools.run("gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=" + device, "-r" + dpi, "-dJPEGQ=95",
                "-sOutputFile=" + out, source.toString());
        return Files.readAllBytes(out);
    }

    private Path source() throws Exception {
        Path drawing = dir.resolve("drawing.ps");
        if (!Files.exists(drawing)) {
            Files.writeString(drawing, DRAWING);
        }
        return drawing;
    }

    private Pnm reference(int dpi, boolean gray) throws Exception {
        Path out = dir.resolve("reference-" + System.nanoTime() + (gray ? ".pgm" : ".ppm"));
        Tools.run("gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=" + (gray ? "pgmraw" : "ppmraw"),
                "-r" + dpi, "-sOutputFile=" + out, source().toString());
        return Pnm.read(out);
    }

    private Path convert(byte[] jpeg) throws Exception {
        Path pdf = Files.createTempFile(dir, "converted", ".pdf");
        try (OutputStream out = Files.newOutputStream(pdf)) {
            DocumentConverter.Conversion result = converter.convert(new ByteArrayInputStream(jpeg), out);
            assertEquals(1, result.pages());
            assertEquals(Files.size(pdf), result.bytesWritten());
        }
        assertEquals(1, Tools.pdfPages(pdf));
        return pdf;
    }

    /** The image in the PDF, as poppler's pdfimages writes it out: a DCT image comes out as the JPEG itself. */
    private byte[] extracted(Path pdf) throws Exception {
        Path prefix = dir.resolve("extracted-" + System.nanoTime());
        Tools.run("pdfimages", "-j", pdf.toString(), prefix.toString());
        return Files.readAllBytes(Path.of(prefix + "-000.jpg"));
    }

    private Pnm render(Path pdf, int dpi, boolean gray) throws Exception {
        Path out = dir.resolve("render-" + System.nanoTime() + (gray ? ".pgm" : ".ppm"));
        Tools.run("gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=" + (gray ? "pgmraw" : "ppmraw"),
                "-r" + dpi, "-sOutputFile=" + out, pdf.toString());
        return Pnm.read(out);
    }

    private static double meanDifference(Pnm expected, Pnm actual) {
        assertEquals(expected.width(), actual.width());
        assertEquals(expected.height(), actual.height());
        assertEquals(expected.channels(), actual.channels());
        long sum = 0;
        for (int i = 0; i < expected.samples().length; i++) {
            sum += Math.abs((expected.samples()[i] & 0xFF) - (actual.samples()[i] & 0xFF));
        }
        return (double) sum / expected.samples().length;
    }

    private static void assertPageSize(Path pdf, double width, double height) throws Exception {
        String info = Tools.run("pdfinfo", pdf.toString());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Page size:\\s+([\\d.]+) x ([\\d.]+) pts").matcher(info);
        assertTrue(m.find(), info);
        assertEquals(width, Double.parseDouble(m.group(1)), 0.01, info);
        assertEquals(height, Double.parseDouble(m.group(2)), 0.01, info);
    }

    private static int sofOffset(byte[] jpeg) {
        for (int i = 0; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) {
                return i; // FF C0, length (2), precision, height (2), width (2), components
            }
        }
        throw new AssertionError("no SOF0 in the test JPEG");
    }

    private void assertRefused(byte[] jpeg, String reason) {
        ConversionException e = assertThrows(ConversionException.class,
                () -> converter.convert(new ByteArrayInputStream(jpeg), new ByteArrayOutputStream()));
        assertTrue(e.getMessage().contains(reason), e.getMessage() + " should say " + reason);
    }
}
